using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ActorVoice.Hosting.Configuration;
using ActorVoice.Server.Security;

namespace ActorVoice.Tests.Security;

/// <summary>
/// The refusals on the wire: real Kestrel on loopback, real ClientWebSockets, the Security API's admission, receiver,
/// limiter and close (through <see cref="GuardedEchoHost"/>). Each bad client is closed with its code while a
/// well-behaved client on the same server goes on being answered.
/// </summary>
public sealed class GuardedWebSocketSpec
{
    private const string Token = SecurityTestSettings.Token;

    private static ServeSecuritySettings Settings(params string[] overrides) => SecurityTestSettings.WithToken([
        "actorvoice.serve.limits { max-sessions = 3, max-frame-bytes = 9600, audio-bytes-per-second = 48000, audio-burst-bytes = 96000 }",
        "actorvoice.serve.limits { events-per-second = 10, events-burst = 20, garbage-threshold = 3 }",
        .. overrides]);

    [Fact]
    public async Task Client_without_token_should_be_closed_with_4401()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var client = await WsTestClient.ConnectAsync(host.Ws);

        var (code, reason) = await client.ReadCloseAsync();

        Assert.Equal(CloseCodes.Unauthorized, code);
        Assert.StartsWith("unauthorized", reason, StringComparison.Ordinal);
        Assert.Empty(client.Events);
    }

    [Fact]
    public async Task Client_with_a_wrong_or_forged_token_should_be_closed_with_4401()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var wrong = await WsTestClient.ConnectAsync(host.Ws, queryToken: "not-the-token");
        using var forged = await WsTestClient.ConnectAsync(host.Ws, subprotocolToken: "avt1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(CloseCodes.Unauthorized, (await wrong.ReadCloseAsync()).Code);
        Assert.Equal(CloseCodes.Unauthorized, (await forged.ReadCloseAsync()).Code);
    }

    [Fact]
    public async Task Token_should_be_accepted_from_query_subprotocol_and_bearer_and_the_subprotocol_echoed()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var query = await WsTestClient.ConnectAsync(host.Ws, queryToken: Token);
        using var subprotocol = await WsTestClient.ConnectAsync(host.Ws, subprotocolToken: Token);
        using var bearer = await WsTestClient.ConnectAsync(host.Ws, bearer: Token);

        Assert.NotNull(await query.ReadEventAsync("session.ready"));
        Assert.NotNull(await subprotocol.ReadEventAsync("session.ready"));
        Assert.NotNull(await bearer.ReadEventAsync("session.ready"));
        Assert.Equal("actorvoice.token." + Token, subprotocol.Socket.SubProtocol);
    }

    [Fact]
    public async Task Minted_token_should_open_a_session_and_minting_should_need_the_configured_token()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var http = new HttpClient { BaseAddress = host.Http };

        using var anonymous = await http.PostAsync(TokenEndpoint.Path, null);
        using var withWrong = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint.Path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "nope") } };
        using var wrongResponse = await http.SendAsync(withWrong);
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint.Path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var minted = body.RootElement.GetProperty("token").GetString()!;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(body.RootElement.GetProperty("expires_at").GetInt64());
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(11));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        using var client = await WsTestClient.ConnectAsync(host.Ws, subprotocolToken: minted);
        Assert.NotNull(await client.ReadEventAsync("session.ready"));

        // A minted token cannot mint more.
        using var again = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint.Path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", minted) } };
        using var againResponse = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.Unauthorized, againResponse.StatusCode);
    }

    [Fact]
    public async Task Client_from_a_foreign_origin_should_be_closed_with_4403_and_the_same_origin_admitted()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var foreign = await WsTestClient.ConnectAsync(host.Ws, queryToken: Token, origin: "http://evil.example");
        using var same = await WsTestClient.ConnectAsync(host.Ws, queryToken: Token, origin: host.Http.GetLeftPart(UriPartial.Authority));

        var (code, reason) = await foreign.ReadCloseAsync();
        Assert.Equal(CloseCodes.OriginNotAllowed, code);
        Assert.Equal("origin not allowed", reason);
        Assert.NotNull(await same.ReadEventAsync("session.ready"));
    }

    [Fact]
    public async Task Oversized_frame_should_close_with_1009_while_another_session_keeps_working()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var good = await ReadyClientAsync(host);
        using var bad = await ReadyClientAsync(host);

        await bad.SendAsync(new byte[9602], WebSocketMessageType.Binary);

        Assert.Equal(CloseCodes.MessageTooBig, (await bad.ReadCloseAsync()).Code);
        await AssertAnsweredAsync(good);
    }

    [Fact]
    public async Task Frame_of_exactly_the_limit_should_be_accepted()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var client = await ReadyClientAsync(host);

        Assert.True(await client.SendAsync(new byte[9600], WebSocketMessageType.Binary));
        await AssertAnsweredAsync(client);
    }

    [Fact]
    public async Task Audio_flood_should_close_with_4429_while_another_session_keeps_working()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var good = await ReadyClientAsync(host);
        using var flood = await ReadyClientAsync(host);
        var closing = flood.ReadCloseAsync();

        // 300 frames of 9600 bytes back to back: 60 seconds of audio against a 2-second burst.
        for (var i = 0; i < 300 && await flood.SendAsync(new byte[9600], WebSocketMessageType.Binary); i++)
        {
        }

        var (code, reason) = await closing;
        Assert.Equal(CloseCodes.RateLimited, code);
        Assert.Contains("audio", reason, StringComparison.Ordinal);
        await AssertAnsweredAsync(good);
    }

    [Fact]
    public async Task Event_flood_should_close_with_4429_while_another_session_keeps_working()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var good = await ReadyClientAsync(host);
        using var flood = await ReadyClientAsync(host);
        var closing = flood.ReadCloseAsync();

        for (var i = 0; i < 500 && await flood.SendAsync(Encoding.UTF8.GetBytes("""{"type":"ping"}"""), WebSocketMessageType.Text); i++)
        {
        }

        var (code, reason) = await closing;
        Assert.Equal(CloseCodes.RateLimited, code);
        Assert.Contains("events", reason, StringComparison.Ordinal);
        await AssertAnsweredAsync(good);
    }

    [Fact]
    public async Task Garbage_should_get_error_events_then_close_with_1003()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var good = await ReadyClientAsync(host);
        using var bad = await ReadyClientAsync(host);

        await bad.SendTextAsync("this is not json");
        Assert.NotNull(await bad.ReadEventAsync("error"));
        await bad.SendTextAsync("""{"no":"type"}""");
        Assert.NotNull(await bad.ReadEventAsync("error"));
        await bad.SendTextAsync("""{"type":"made.up"}""");
        Assert.NotNull(await bad.ReadEventAsync("error"));
        await bad.SendTextAsync("[1,2,");

        Assert.Equal(CloseCodes.UnsupportedData, (await bad.ReadCloseAsync()).Code);
        Assert.Equal(3, bad.Events.Count(e => e.GetProperty("type").GetString() == "error"));
        await AssertAnsweredAsync(good);
    }

    [Fact]
    public async Task Invalid_utf8_text_should_end_only_that_session()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var good = await ReadyClientAsync(host);
        using var bad = await ReadyClientAsync(host);

        // .NET's WebSocket validates UTF-8 of text frames itself and fails the connection with 1007.
        await bad.SendAsync([0x7B, 0xC3, 0x28, 0xFF, 0xFE, 0x7D], WebSocketMessageType.Text);

        var (code, _) = await bad.ReadCloseAsync();
        Assert.True(code is null or (int)WebSocketCloseStatus.InvalidPayloadData or CloseCodes.UnsupportedData, $"close {code}");
        await AssertAnsweredAsync(good);
    }

    [Fact]
    public async Task Client_past_max_sessions_should_be_closed_with_4503_and_admitted_once_a_slot_frees()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using var first = await ReadyClientAsync(host);
        using var second = await ReadyClientAsync(host);
        var third = await ReadyClientAsync(host);
        using var refused = await WsTestClient.ConnectAsync(host.Ws, queryToken: Token);

        var (code, reason) = await refused.ReadCloseAsync();
        Assert.Equal(CloseCodes.ServerFull, code);
        Assert.Equal("server full", reason);
        await AssertAnsweredAsync(first);

        await third.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        third.Dispose();
        using var later = await WsTestClient.ConnectAsync(host.Ws, queryToken: Token);
        Assert.NotNull(await EventuallyReadyAsync(host, later));
    }

    [Fact]
    public async Task Silent_client_should_be_closed_with_4408_after_the_idle_timeout()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings("actorvoice.serve.limits.idle-timeout = 300ms"));
        using var client = await ReadyClientAsync(host);

        var (code, reason) = await client.ReadCloseAsync();

        Assert.Equal(CloseCodes.IdleTimeout, code);
        Assert.StartsWith("idle timeout", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_should_never_appear_in_the_logs_at_any_level()
    {
        await using var host = await GuardedEchoHost.StartAsync(Settings());
        using (var query = await WsTestClient.ConnectAsync(host.Ws, queryToken: Token))
        using (var wrong = await WsTestClient.ConnectAsync(host.Ws, queryToken: "wrong-" + Token))
        using (var subprotocol = await WsTestClient.ConnectAsync(host.Ws, subprotocolToken: Token))
        {
            await query.ReadEventAsync("session.ready");
            await wrong.ReadCloseAsync();
            await subprotocol.ReadEventAsync("session.ready");
        }

        Assert.NotEmpty(host.Logs.Lines); // the capture works: Kestrel logs connections at Debug
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tls_should_serve_wss_with_the_configured_pem_certificate()
    {
        var folder = Directory.CreateTempSubdirectory("actorvoice-tls-");
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var certPath = Path.Combine(folder.FullName, "cert.pem");
            var keyPath = Path.Combine(folder.FullName, "key.pem");
            await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
            var settings = Settings(ActorVoiceConfig.Assign("actorvoice.serve.tls.certificate", certPath), ActorVoiceConfig.Assign("actorvoice.serve.tls.key", keyPath));
            await using var host = await GuardedEchoHost.StartAsync(settings);
            var expected = certificate.GetCertHashString();
            string? seen = null;

            // Trust exactly the certificate written to the PEM file (it is self-signed).
            using var client = await WsTestClient.ConnectAsync(host.Ws, queryToken: Token, certificates: (_, cert, _, _) =>
            {
                seen = cert?.GetCertHashString();
                return seen == expected;
            });

            Assert.Equal("wss", host.Ws.Scheme);
            Assert.NotNull(await client.ReadEventAsync("session.ready"));
            Assert.Equal(expected, seen);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<WsTestClient> ReadyClientAsync(GuardedEchoHost host)
    {
        var client = await WsTestClient.ConnectAsync(host.Ws, queryToken: Token);
        Assert.NotNull(await client.ReadEventAsync("session.ready"));
        return client;
    }

    /// <summary>The server may not have released the closed session's slot yet: retry a few times.</summary>
    private static async Task<JsonElement?> EventuallyReadyAsync(GuardedEchoHost host, WsTestClient first)
    {
        if (await first.ReadEventAsync("session.ready") is { } ready)
        {
            return ready;
        }

        for (var attempt = 0; attempt < 20; attempt++)
        {
            await Task.Delay(50);
            using var client = await WsTestClient.ConnectAsync(host.Ws, queryToken: Token);
            if (await client.ReadEventAsync("session.ready") is { } later)
            {
                return later;
            }
        }

        return null;
    }

    private static async Task AssertAnsweredAsync(WsTestClient client)
    {
        await client.SendTextAsync("""{"type":"ping"}""");
        Assert.NotNull(await client.ReadEventAsync("pong"));
    }
}
