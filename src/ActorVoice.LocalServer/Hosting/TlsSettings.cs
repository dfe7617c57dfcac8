using ActorVoice.Config;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>
/// TLS for the server's port: when enabled, <c>port</c> serves wss:// (a configured PFX, or a self-signed localhost
/// certificate generated once and cached) and plain ws:// is served only on <see cref="PlainPort"/>, if one is set.
/// </summary>
public sealed record TlsSettings
{
    /// <summary>A plain listener's port when TLS is on: -1 none (the default), 0 a free port, else that port.</summary>
    public const int NoPlainListener = -1;

    public required bool Enabled { get; init; }

    [SettingRange(NoPlainListener, 65535)]
    public required int PlainPort { get; init; }

    [SettingKey("certificate")]
    [HomePath]
    public required string CertificatePath { get; init; }

    public required string CertificatePassword { get; init; }

    [SettingKey("generated-certificate")]
    [HomePath]
    public required string GeneratedCertificatePath { get; init; }
}
