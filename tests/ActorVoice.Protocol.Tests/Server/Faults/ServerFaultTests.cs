using System.Diagnostics;
using System.Text.Json;
using ActorVoice.Protocol.Tests.Schema;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.Server.Faults;

/// <summary>
/// The local server under a fault plan (<c>actorvoice.faults.server</c>), as a raw WebSocket client on loopback sees
/// it: stalls before a response's first audio (still cancellable at once), responses cut midway that end
/// "incomplete", garbage frames before events; the same seed injects the same faults, and a plan without server
/// faults changes nothing. Real server, real flite.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServerFaultTests(FaultServerFixture fixture) : IClassFixture<FaultServerFixture>
{
    private const string AudioSession =
        """{"type":"session.update","session":{"type":"realtime","output_modalities":["audio"],"audio":{"input":{"turn_detection":null}}}}""";

    private const string Answer =
        "Every full-time employee gets twenty-two paid vacation days per calendar year. Unused days carry over until March. "
        + "Requests go to your manager two weeks ahead. Public holidays do not count against the allowance.";

    [Fact]
    public async Task A_stalled_response_should_send_its_first_audio_only_after_the_stall()
    {
        var (server, faults) = await fixture.StartAsync("actorvoice.faults { enabled = on, server { stall-rate = 1, stall = 1500ms } }");
        await using var _ = server;
        await using var client = await RawFrameClient.StartSessionAsync(server.RealtimeUri, AudioSession);

        await AskAsync(client, "Twenty-two days.");
        await client.WaitForAsync("response.created");
        var clock = Stopwatch.StartNew();
        await client.WaitForAsync("response.output_audio.delta");
        var firstAudio = clock.Elapsed;
        var done = await client.WaitForAsync("response.done");

        Assert.True(firstAudio >= TimeSpan.FromMilliseconds(1400), $"first audio {firstAudio.TotalMilliseconds:0} ms after response.created");
        Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());
        var stall = Assert.Single(faults.Log.Recent);
        Assert.Equal(("server", "stall"), (stall.Edge, stall.Kind));
        Assert.StartsWith(done.GetProperty("response").GetProperty("id").GetString()!, stall.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_cancel_during_a_stall_should_end_the_response_at_once_without_audio()
    {
        var (server, _) = await fixture.StartAsync("actorvoice.faults { enabled = on, server { stall-rate = 1, stall = 60s } }");
        await using var __ = server;
        await using var client = await RawFrameClient.StartSessionAsync(server.RealtimeUri, AudioSession);

        await AskAsync(client, "Twenty-two days.");
        await client.WaitForAsync("response.created");
        var clock = Stopwatch.StartNew();
        await client.SendTextAsync("""{"type":"response.cancel"}""");
        var done = await client.WaitForAsync("response.done", TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the cancel waited for the stall");
        Assert.Equal("cancelled", done.GetProperty("response").GetProperty("status").GetString());
        Assert.DoesNotContain(client.Frames, f => RawFrameClient.TypeOf(f) == "response.output_audio.delta");
        // The session is not held by the stalled task: the next response is served (stalled again, then cancelled).
        await AskAsync(client, "Another answer.");
        await client.WaitForAsync("response.created");
        await client.SendTextAsync("""{"type":"response.cancel"}""");
        Assert.Equal("cancelled", (await client.WaitForAsync("response.done")).GetProperty("response").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_cut_response_should_stop_its_audio_midway_and_end_incomplete_as_the_protocol_allows()
    {
        var (server, faults) = await fixture.StartAsync("actorvoice.faults { enabled = on, server { cut-response-rate = 1 } }");
        await using var _ = server;
        await using var client = await RawFrameClient.StartSessionAsync(server.RealtimeUri, AudioSession);

        await AskAsync(client, Answer);
        var done = await client.WaitForAsync("response.done");

        var response = done.GetProperty("response");
        Assert.Equal("incomplete", response.GetProperty("status").GetString());
        Assert.Equal("incomplete", response.GetProperty("status_details").GetProperty("type").GetString());
        Assert.Equal("max_output_tokens", response.GetProperty("status_details").GetProperty("reason").GetString());
        Assert.Equal("incomplete", response.GetProperty("output")[0].GetProperty("status").GetString());
        var frames = client.Frames;
        Assert.Contains(frames, f => RawFrameClient.TypeOf(f) == "response.output_audio.delta");
        var transcript = frames.Where(f => RawFrameClient.TypeOf(f) == "response.output_audio_transcript.done")
            .Select(f => JsonDocument.Parse(f).RootElement.GetProperty("transcript").GetString()!).Single();
        Assert.StartsWith(transcript, Answer, StringComparison.Ordinal);
        Assert.InRange(transcript.Length, 1, Answer.Length * 3 / 4);
        var doneFrame = frames.Single(f => RawFrameClient.TypeOf(f) == "response.done");
        Assert.Empty(RealtimeSchemaValidator.Instance.ValidateServerEvent(doneFrame));
        Assert.Equal(("server", "cut-response"), (faults.Log.Recent.Single().Edge, faults.Log.Recent.Single().Kind));
    }

    [Fact]
    public async Task Garbage_frames_should_come_before_events_and_leave_every_real_event_intact()
    {
        var (server, faults) = await fixture.StartAsync("actorvoice.faults { enabled = on, seed = 7, server { garbage-frame-rate = 0.3 } }");
        await using var _ = server;
        await using var client = await RawFrameClient.StartSessionAsync(server.RealtimeUri, AudioSession);

        await AskAsync(client, Answer);
        var done = await client.WaitForAsync("response.done");

        var frames = client.Frames;
        var garbage = frames.Where(f => RawFrameClient.TypeOf(f) is null).ToList();
        Assert.NotEmpty(garbage);
        Assert.All(garbage, g => Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(g).Dispose()));
        // Each garbage frame precedes a whole event (never the last frame), and the events alone are the usual turn.
        Assert.NotNull(RawFrameClient.TypeOf(frames[^1]));
        Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());
        Assert.Equal(garbage.Count, faults.Log.Counts[("server", "garbage-frame")]);
        Assert.All(faults.Log.Recent, f => Assert.Equal("garbage-frame", f.Kind));
        var events = frames.Where(f => RawFrameClient.TypeOf(f) is not null).ToList();
        Assert.All(events, e => Assert.Empty(RealtimeSchemaValidator.Instance.ValidateServerEvent(e)));
    }

    [Fact]
    public async Task The_same_seed_should_inject_the_same_faults_and_another_seed_others()
    {
        const string Plan = "actorvoice.faults { enabled = on, seed = <0>, server { cut-response-rate = 0.5, garbage-frame-rate = 0.2 } }";

        var first = await FaultPatternAsync(JsonFrame.Fill(Plan, 11));
        var again = await FaultPatternAsync(JsonFrame.Fill(Plan, 11));
        var other = await FaultPatternAsync(JsonFrame.Fill(Plan, 12));

        Assert.Contains("garbage", first, StringComparison.Ordinal);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task A_plan_without_server_faults_should_change_nothing_on_the_server()
    {
        var (server, faults) = await fixture.StartAsync(
            """
            actorvoice.faults {
              enabled = on
              socket { latency = 50ms, drop-rate = 0.5 }
              knowledge { failure-rate = 1 }
            }
            """);
        await using var _ = server;
        await using var client = await RawFrameClient.StartSessionAsync(server.RealtimeUri, AudioSession);

        await AskAsync(client, Answer);
        var done = await client.WaitForAsync("response.done");

        Assert.Null(faults.Server);
        Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());
        Assert.All(client.Frames, f => Assert.NotNull(RawFrameClient.TypeOf(f)));
        Assert.Equal(0, faults.Log.Total);
    }

    /// <summary>Three responses under a plan: per response its status, and where garbage came (event index, type).</summary>
    private async Task<string> FaultPatternAsync(string plan)
    {
        var (server, _) = await fixture.StartAsync(plan);
        await using var _ = server;
        await using var client = await RawFrameClient.StartSessionAsync(server.RealtimeUri, AudioSession);
        var statuses = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            await AskAsync(client, Answer);
            statuses.Add((await client.WaitForAsync("response.done")).GetProperty("response").GetProperty("status").GetString()!);
        }

        var frames = client.Frames;
        var garbage = frames.Select((f, i) => (Frame: f, Index: i))
            .Where(x => RawFrameClient.TypeOf(x.Frame) is null)
            .Select(x => $"garbage@{x.Index}:{RawFrameClient.TypeOf(frames[x.Index + 1])}");
        return string.Join(' ', statuses) + " | " + string.Join(' ', garbage);
    }

    private static async Task AskAsync(RawFrameClient client, string text)
    {
        await client.SendTextAsync(JsonFrame.Fill(
            """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"<0>"}]}}""", text));
        await client.SendTextAsync("""{"type":"response.create"}""");
    }
}
