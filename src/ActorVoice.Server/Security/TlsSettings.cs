namespace ActorVoice.Server.Security;

/// <summary><c>actorvoice.serve.tls</c>: PEM certificate and key for Kestrel's https:// endpoints.</summary>
public sealed record TlsSettings
{
    /// <summary>Path of the PEM certificate (chain); empty: no certificate.</summary>
    public required string Certificate { get; init; }

    /// <summary>Path of the PEM private key (unencrypted PKCS#8, PKCS#1 or SEC1).</summary>
    public required string Key { get; init; }

    public bool Enabled => Certificate.Length > 0;
}
