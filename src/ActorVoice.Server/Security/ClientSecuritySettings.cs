using ActorVoice.Config;

namespace ActorVoice.Server.Security;

/// <summary><c>actorvoice.serve.security</c>: authentication and the Origin allow-list.</summary>
public sealed record ClientSecuritySettings
{
    /// <summary>The shared secret; empty means "read <see cref="TokenEnvironmentVariable"/>".</summary>
    public required string Token { get; init; }

    public required string TokenEnvironmentVariable { get; init; }

    [Positive]
    public required TimeSpan MintedTokenTtl { get; init; }

    /// <summary>Base64 HMAC key for minted tokens; empty means a random key per process.</summary>
    public required string SigningKey { get; init; }

    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    public required bool AllowMissingOrigin { get; init; }

    /// <summary>
    /// The token in force: <see cref="Token"/>, else the environment variable's value, else empty (loopback only).
    /// </summary>
    public string ResolveToken(Func<string, string?>? environment = null)
    {
        if (Token.Length > 0)
        {
            return Token;
        }

        if (TokenEnvironmentVariable.Length == 0)
        {
            return string.Empty;
        }

        return (environment ?? Environment.GetEnvironmentVariable)(TokenEnvironmentVariable)?.Trim() ?? string.Empty;
    }

    /// <summary>Secrets never appear in records' printed form (logs, exceptions).</summary>
    public override string ToString() =>
        $"ClientSecuritySettings {{ Token = {(Token.Length > 0 ? SecretRedactor.Mask : "(none)")}, "
        + $"TokenEnvironmentVariable = {TokenEnvironmentVariable}, MintedTokenTtl = {MintedTokenTtl}, "
        + $"SigningKey = {(SigningKey.Length > 0 ? SecretRedactor.Mask : "(random)")}, "
        + $"AllowedOrigins = [{string.Join(", ", AllowedOrigins)}], AllowMissingOrigin = {AllowMissingOrigin} }}";
}
