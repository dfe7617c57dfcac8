namespace ActorVoice.LocalServer.Hosting;

/// <summary>The wss:// listener: a configured PFX, or a self-signed localhost certificate generated once and cached.</summary>
public sealed record TlsSettings
{
    public bool Enabled { get; init; }

    public int Port { get; init; }

    public string CertificatePath { get; init; } = string.Empty;

    public string CertificatePassword { get; init; } = string.Empty;

    public string GeneratedCertificatePath { get; init; } = Path.Combine(Path.GetTempPath(), "actorvoice-local-server-cert.pfx");
}
