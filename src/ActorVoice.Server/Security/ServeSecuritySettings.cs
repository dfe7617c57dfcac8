using ActorVoice.Config;

namespace ActorVoice.Server.Security;

/// <summary>
/// Who may connect to the assistant host and how much each client may do, read once from <c>actorvoice.serve</c>
/// (its <c>security</c>, <c>limits</c> and <c>tls</c> sections). Every default is in hocon/reference/serve.conf.
/// </summary>
public sealed record ServeSecuritySettings
{
    private static readonly SettingsSource<ServeSecuritySettings> Source =
        new(typeof(ServeSecuritySettings).Assembly, "ActorVoice.Server.reference.conf", "actorvoice.serve");

    public required ClientSecuritySettings Security { get; init; }

    public required ClientLimitSettings Limits { get; init; }

    public required TlsSettings Tls { get; init; }

    /// <summary>The settings of the reference config alone: the documented defaults, read once.</summary>
    public static ServeSecuritySettings Reference => Source.Reference;

    /// <summary>The embedded reference config (hocon/reference/serve.conf), parsed once.</summary>
    public static Akka.Configuration.Config DefaultConfig() => Source.ReferenceConfig;

    /// <summary>Reads <c>actorvoice.serve</c> of <paramref name="root"/>, falling back to the reference config.</summary>
    /// <exception cref="InvalidSettingException">A value is malformed or out of range; the message names its key.</exception>
    public static ServeSecuritySettings Create(Akka.Configuration.Config root)
    {
        var settings = Source.Read(root);
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        if (Limits.AudioBurstBytes < Limits.MaxFrameBytes)
        {
            throw new InvalidSettingException(
                "actorvoice.serve.limits.audio-burst-bytes",
                $"= {Limits.AudioBurstBytes} must be at least max-frame-bytes ({Limits.MaxFrameBytes}): a single allowed frame would be refused.");
        }

        if (Security.SigningKey.Length > 0 && SigningKeyBytes(Security.SigningKey) is null)
        {
            // The message never repeats the key: it is a secret.
            throw new InvalidSettingException("actorvoice.serve.security.signing-key", "must be base64 of at least 32 bytes.");
        }

        if (string.IsNullOrEmpty(Tls.Certificate) != string.IsNullOrEmpty(Tls.Key))
        {
            throw new InvalidSettingException("actorvoice.serve.tls", "needs both certificate and key (PEM paths), or neither.");
        }
    }

    internal static byte[]? SigningKeyBytes(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written >= 32 ? buffer[..written] : null;
    }
}
