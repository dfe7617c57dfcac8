using ActorVoice.Config;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>The wss:// listener: a configured PFX, or a self-signed localhost certificate generated once and cached.</summary>
public sealed record TlsSettings
{
    public required bool Enabled { get; init; }

    [SettingRange(0, 65535)]
    public required int Port { get; init; }

    [SettingKey("certificate")]
    [HomePath]
    public required string CertificatePath { get; init; }

    public required string CertificatePassword { get; init; }

    [SettingKey("generated-certificate")]
    [HomePath]
    public required string GeneratedCertificatePath { get; init; }
}
