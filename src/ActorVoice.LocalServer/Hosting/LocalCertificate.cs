using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>
/// The TLS certificate of the local server: the configured PFX, or a self-signed certificate for localhost /
/// 127.0.0.1 / ::1 generated on first use and cached (PFX plus a PEM .crt beside it that clients can trust,
/// e.g. with NODE_EXTRA_CA_CERTS).
/// </summary>
public static class LocalCertificate
{
    private static readonly Lock Gate = new();

    public static X509Certificate2 Load(TlsSettings tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (!string.IsNullOrWhiteSpace(tls.CertificatePath))
        {
            if (!File.Exists(tls.CertificatePath))
            {
                throw new FileNotFoundException($"The TLS certificate '{tls.CertificatePath}' does not exist (actorvoice.local-server.tls.certificate).", tls.CertificatePath);
            }

            try
            {
                return X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.CertificatePassword);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidOperationException($"The TLS certificate '{tls.CertificatePath}' is not a readable PFX (wrong password?): {ex.Message}", ex);
            }
        }

        return LoadOrCreate(tls.GeneratedCertificatePath);
    }

    /// <summary>The PEM file holding the public certificate beside a generated PFX.</summary>
    public static string PemPathFor(string pfxPath) => Path.ChangeExtension(pfxPath, ".crt");

    public static X509Certificate2 LoadOrCreate(string pfxPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pfxPath);
        lock (Gate)
        {
            if (File.Exists(pfxPath))
            {
                try
                {
                    var cached = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, null);
                    if (cached.NotAfter > DateTime.Now.AddDays(1))
                    {
                        return cached;
                    }
                }
                catch (CryptographicException)
                {
                    // A damaged cache is replaced below.
                }
            }

            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost, O=ActorVoice local realtime server", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
            // A self-signed certificate clients add to their trust store acts as its own CA.
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
            var pfx = created.Export(X509ContentType.Pkcs12);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pfxPath))!);
            var temp = pfxPath + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
            File.WriteAllBytes(temp, pfx);
            File.Move(temp, pfxPath, overwrite: true);
            File.WriteAllText(PemPathFor(pfxPath), created.ExportCertificatePem() + "\n");
            return X509CertificateLoader.LoadPkcs12(pfx, null);
        }
    }
}
