using System.Text.RegularExpressions;

namespace ActorVoice.Server.Security;

/// <summary>
/// Removes secrets from text bound for logs, error events, close reasons and pages: the configured token, the signing
/// key, the OpenAI key (by value), and anything shaped like a credential (by pattern: <c>token=</c> query values,
/// <c>Bearer</c> headers, <c>actorvoice.token.*</c> subprotocols, minted <c>avt1.*</c> tokens, <c>sk-*</c> keys).
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    // Shorter "secrets" would mask ordinary words; real tokens and keys are far longer.
    private const int MinSecretLength = 6;

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = secrets.Where(s => s is { Length: >= MinSecretLength }).Select(s => s!).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray();
    }

    /// <summary>The server's secrets: its token, signing key and the <c>OPENAI_API_KEY</c> environment variable.</summary>
    public static SecretRedactor ForServer(ClientSecuritySettings settings, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var env = environment ?? Environment.GetEnvironmentVariable;
        return new SecretRedactor([settings.ResolveToken(env), settings.SigningKey, env("OPENAI_API_KEY")]);
    }

    /// <summary><paramref name="text"/> with every known secret and credential-shaped value replaced by <see cref="Mask"/>.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return RedactPatterns(text);
    }

    /// <summary>Pattern-only redaction, for text from places that know no configured secret.</summary>
    public static string RedactPatterns(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        text = QueryToken().Replace(text, m => m.Groups[1].Value + Mask);
        text = Bearer().Replace(text, m => m.Groups[1].Value + Mask);
        text = Subprotocol().Replace(text, "actorvoice.token." + Mask);
        text = Minted().Replace(text, Mask);
        return OpenAiKey().Replace(text, Mask);
    }

    [GeneratedRegex(@"([?&](?:token|api[_-]?key|key)=)[^&\s""'#]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryToken();

    [GeneratedRegex(@"(\bBearer\s+)[^\s""',;]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"actorvoice\.token\.[^\s,""';]+", RegexOptions.CultureInvariant)]
    private static partial Regex Subprotocol();

    [GeneratedRegex(@"\bavt1\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+", RegexOptions.CultureInvariant)]
    private static partial Regex Minted();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex OpenAiKey();
}
