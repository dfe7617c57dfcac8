using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions;
using ActorVoice.Protocol.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorVoice.Protocol.Tests.Server;

/// <summary>With TLS on, the configured port itself serves wss://; plain ws:// exists only when a plain port is asked for.</summary>
public sealed class TlsPortTests : IAsyncLifetime
{
    private readonly string _certificates = RepoPaths.TempFolder("tls-port");
    private SpeechServices? _speech;

    public async Task InitializeAsync() =>
        _speech = await SpeechServicesFactory.CreateAsync(LocalServerSettings.Reference, NullLogger.Instance);

    public Task DisposeAsync()
    {
        _speech?.Recognizers.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Tls_should_serve_wss_on_the_configured_port_itself_and_no_plain_listener()
    {
        var port = FreePort();
        await using var server = await StartAsync(port, TlsSettings.NoPlainListener);

        await using var client = await RealtimeTestClient.ConnectAsync(server.RealtimeUri, o => TrustOnly(server, o));
        var created = await client.WaitForAsync("session.created");

        Assert.Equal("wss", server.RealtimeUri.Scheme);
        Assert.Equal(port, server.RealtimeUri.Port);
        Assert.Equal(server.SecureRealtimeUri, server.RealtimeUri);
        Assert.Null(server.PlainRealtimeUri);
        Assert.Equal("realtime", created.GetProperty("session").GetProperty("type").GetString());
        using var plain = new ClientWebSocket();
        await Assert.ThrowsAnyAsync<WebSocketException>(() => plain.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/v1/realtime"), CancellationToken.None));
    }

    [Fact]
    public async Task A_plain_port_should_add_a_ws_listener_beside_the_wss_one()
    {
        await using var server = await StartAsync(0, 0);

        await using var secure = await RealtimeTestClient.ConnectAsync(server.SecureRealtimeUri!, o => TrustOnly(server, o));
        await using var plain = await RealtimeTestClient.ConnectAsync(server.PlainRealtimeUri!);
        await secure.WaitForAsync("session.created");
        await plain.WaitForAsync("session.created");

        Assert.Equal("ws", server.PlainRealtimeUri!.Scheme);
        Assert.NotEqual(server.SecureRealtimeUri!.Port, server.PlainRealtimeUri.Port);
        Assert.Equal(server.SecureRealtimeUri, server.RealtimeUri);
    }

    private async Task<LocalRealtimeServer> StartAsync(int port, int plainPort)
    {
        var settings = LocalServerSettings.Reference with
        {
            Port = port,
            Tls = LocalServerSettings.Reference.Tls with
            {
                Enabled = true,
                PlainPort = plainPort,
                GeneratedCertificatePath = Path.Combine(_certificates, "local.pfx"),
            },
        };
        return await LocalRealtimeServer.StartAsync(settings, _speech!, b => b.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>Accepts exactly the server's self-signed certificate.</summary>
    private static void TrustOnly(LocalRealtimeServer server, ClientWebSocketOptions options)
    {
        var expected = X509Certificate2.CreateFromPem(File.ReadAllText(server.CertificatePemPath!)).Thumbprint;
        options.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && string.Equals(new X509Certificate2(certificate).Thumbprint, expected, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
