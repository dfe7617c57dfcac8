using System.Net;
using System.Net.WebSockets;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Protocol.Tests.BadInput;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.Server;

/// <summary>wss:// with a generated certificate, API keys, beta-dialect clients and the audio rate limit.</summary>
public sealed class SecuredServerTests(SecuredServerFixture server) : IClassFixture<SecuredServerFixture>
{
    [Fact]
    public async Task A_wss_client_with_the_key_should_get_session_created_over_the_generated_certificate()
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.SecureUri, o =>
        {
            server.TrustServerCertificate(o);
            o.SetRequestHeader("Authorization", "Bearer " + SecuredServerFixture.ApiKey);
        });

        var created = await client.WaitForAsync("session.created");

        Assert.Equal("wss", server.SecureUri.Scheme);
        Assert.Equal("realtime", created.GetProperty("session").GetProperty("type").GetString());
        Assert.Contains("CN=localhost", server.Certificate.Subject, StringComparison.Ordinal);
        await client.AssertAliveAsync();
    }

    [Fact]
    public void The_generated_certificate_should_be_cached_and_reused()
    {
        var pfx = server.Settings.Tls.GeneratedCertificatePath;

        var again = LocalCertificate.Load(server.Settings.Tls);

        Assert.True(File.Exists(pfx));
        Assert.True(File.Exists(LocalCertificate.PemPathFor(pfx)));
        Assert.Equal(server.Certificate.Thumbprint, again.Thumbprint);
    }

    [Fact]
    public async Task A_missing_TLS_certificate_should_fail_with_a_clear_message()
    {
        var missing = Path.Combine(server.CertificateFolder, "absent.pfx");

        var error = Assert.Throws<FileNotFoundException>(() => LocalCertificate.Load(LocalServerSettings.Reference.Tls with { Enabled = true, CertificatePath = missing }));

        Assert.Contains("absent.pfx", error.Message, StringComparison.Ordinal);
        Assert.Contains("tls.certificate", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sk-wrong")]
    public async Task A_client_without_the_right_key_should_be_refused_with_401(string? key)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (key is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + key);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.PlainUri, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task The_key_should_also_be_accepted_as_a_browser_subprotocol()
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.PlainUri, o =>
        {
            o.AddSubProtocol("realtime");
            o.AddSubProtocol("openai-insecure-api-key." + SecuredServerFixture.ApiKey);
        });

        await client.WaitForAsync("session.created");

        Assert.Equal("realtime", client.SubProtocol);
    }

    [Fact]
    public async Task A_beta_client_should_be_understood_and_answered_with_beta_event_names()
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.PlainUri, o =>
        {
            o.SetRequestHeader("Authorization", "Bearer " + SecuredServerFixture.ApiKey);
            o.SetRequestHeader("OpenAI-Beta", "realtime=v1");
        });
        await client.WaitForAsync("session.created");

        // A flat beta session (no session.type) is accepted.
        await client.SendTextAsync("""{"type":"session.update","session":{"modalities":["text","audio"],"voice":"alloy","input_audio_format":"g711_ulaw","output_audio_format":"pcm16","turn_detection":null,"temperature":0.8}}""");
        var updated = await client.WaitForAsync("session.updated");
        await client.SendTextAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello there."}]}}""");
        await client.WaitForAsync("conversation.item.created");
        await client.SendTextAsync("""{"type":"response.create","response":{"modalities":["audio","text"]}}""");
        await client.WaitForAsync("response.audio.delta");
        await client.WaitForAsync("response.done");

        var input = updated.GetProperty("session").GetProperty("audio").GetProperty("input");
        Assert.Equal("audio/pcmu", input.GetProperty("format").GetProperty("type").GetString());
        var types = client.Frames.Select(f => System.Text.Json.JsonDocument.Parse(f).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Contains("response.audio_transcript.delta", types);
        Assert.DoesNotContain("response.output_audio.delta", types);
        Assert.DoesNotContain("conversation.item.added", types);
    }

    [Fact]
    public async Task Audio_faster_than_the_limit_should_be_refused_with_rate_limit_exceeded_and_the_session_should_go_on()
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.PlainUri, o => o.SetRequestHeader("Authorization", "Bearer " + SecuredServerFixture.ApiKey));
        await client.WaitForAsync("session.created");
        await client.SendTextAsync("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}""");
        await client.WaitForAsync("session.updated");

        // 11 s of audio at once: the 10 s burst allowance runs out at the eleventh second.
        var chunk = BadInputMatrix.Tone(1000);
        for (var i = 0; i < 11; i++)
        {
            await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","event_id":"<0>","audio":"<1>"}""", $"evt_a{i}", chunk));
        }

        var error = (await client.WaitForAsync("error")).GetProperty("error");

        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("audio", error.GetProperty("param").GetString());
        Assert.Equal("evt_a10", error.GetProperty("event_id").GetString());
        await client.AssertAliveAsync();
    }
}
