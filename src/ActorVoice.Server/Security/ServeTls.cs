using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ActorVoice.Server.Security;

/// <summary>Applies <c>actorvoice.serve.tls</c> (PEM certificate and key) to Kestrel.</summary>
public static class ServeTls
{
    /// <summary>
    /// Every https:// endpoint (e.g. <c>--urls https://0.0.0.0:8443</c>) serves the configured certificate.
    /// Does nothing when no certificate is configured.
    /// </summary>
    public static KestrelServerOptions UseServeTls(this KestrelServerOptions options, TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tls);
        if (tls.Enabled)
        {
            var certificate = LoadCertificate(tls);
            options.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
        }

        return options;
    }

    /// <summary>Serves TLS with the configured certificate on one listener.</summary>
    /// <exception cref="InvalidOperationException">No certificate is configured.</exception>
    public static ListenOptions UseServeTls(this ListenOptions listen, TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(tls);
        if (!tls.Enabled)
        {
            throw new InvalidOperationException("actorvoice.serve.tls has no certificate and key: set both PEM paths to serve https.");
        }

        return listen.UseHttps(LoadCertificate(tls));
    }

    /// <summary>Reads the PEM pair into a certificate with its private key.</summary>
    /// <exception cref="InvalidOperationException">A file is missing or unreadable; the message names the paths, never key material.</exception>
    public static X509Certificate2 LoadCertificate(TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(tls.Certificate, tls.Key);
            // A PEM-loaded key is ephemeral; Windows' TLS stack needs it persisted, so round-trip it through PKCS#12.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Cannot load the TLS certificate '{tls.Certificate}' with key '{tls.Key}' (actorvoice.serve.tls): {e.GetType().Name}.", e);
        }
    }
}
