using System.Security.Cryptography.X509Certificates;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorVoice.Protocol.Tests.Support;

/// <summary>
/// A real local server as a deployment would run it: wss:// on its port (self-signed certificate generated into a
/// temporary folder) plus a plain ws:// listener on request, a required API key, and input audio limited to real time (48 000 B/s, 10 s burst).
/// </summary>
public sealed class SecuredServerFixture : IAsyncLifetime
{
    public const string ApiKey = "sk-local-test-key";

    private SpeechServices? _speech;

    public LocalRealtimeServer Server { get; private set; } = null!;

    public LocalServerSettings Settings { get; private set; } = null!;

    public string CertificateFolder { get; } = RepoPaths.TempFolder("tls");

    public Uri SecureUri => Server.SecureRealtimeUri!;

    public Uri PlainUri => Server.PlainRealtimeUri!;

    public X509Certificate2 Certificate => X509Certificate2.CreateFromPem(File.ReadAllText(Server.CertificatePemPath!));

    public async Task InitializeAsync()
    {
        Settings = LocalServerSettings.Reference with
        {
            ApiKey = ApiKey,
            MaxAudioBytesPerSecond = 48000,
            Tls = LocalServerSettings.Reference.Tls with { Enabled = true, PlainPort = 0, GeneratedCertificatePath = Path.Combine(CertificateFolder, "local.pfx") },
        };
        _speech = await SpeechServicesFactory.CreateAsync(Settings, NullLogger.Instance);
        Server = await LocalRealtimeServer.StartAsync(Settings, _speech, b => b.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>Trusts exactly the server's generated certificate (not any certificate).</summary>
    public void TrustServerCertificate(System.Net.WebSockets.ClientWebSocketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var expected = Certificate.Thumbprint;
        options.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && string.Equals(new X509Certificate2(certificate).Thumbprint, expected, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _speech?.Recognizers.Dispose();
    }
}
