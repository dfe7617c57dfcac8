using System.Globalization;
using System.Text.Json;
using ActorVoice.Tests.Live;
using ActorVoice.Tests.Support;
using Xunit.Abstractions;

namespace ActorVoice.Tests.Serve;

/// <summary>
/// <c>actorvoice serve</c> for real: Kestrel on a loopback port, a real <see cref="System.Net.WebSockets.ClientWebSocket"/>,
/// the local realtime server and the sample documents. A client streams a spoken question as binary frames in real
/// time and gets the protocol's events and the answer's audio back.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ServeSpec(ServeFixture fixture, ITestOutputHelper output) : IClassFixture<ServeFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TurnDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_question_streamed_as_binary_frames_should_get_transcripts_sources_answer_audio_and_the_timeline()
    {
        await using var client = await ProtocolClient.ConnectAsync(fixture.Host.WebSocketUri);
        var ready = await client.NextAsync(_ => true, Step);
        Assert.Equal("session.ready", ready?.Type);
        Assert.Equal(24000, ready!.Json!.Value.GetProperty("sample_rate").GetInt32());
        Assert.False(string.IsNullOrEmpty(ready.Text("session_id")));

        await using var microphone = new LiveMicrophone(client.SendAudioAsync);
        await microphone.SayAsync(RepoPaths.Question("q01.wav"));
        var endOfSpeech = client.Now;

        var final = await client.NextAsync(m => m.Type == "transcript.final", TurnDeadline);
        Assert.NotNull(final);
        Assert.Contains("vacation", final.Text("text"), StringComparison.OrdinalIgnoreCase);
        var started = await client.NextAsync(m => m.Type == "answer.started", TurnDeadline);
        Assert.NotNull(started);
        var firstAudio = await client.NextAsync(m => m.Type == "audio", Step);
        Assert.NotNull(firstAudio);
        var completed = await client.NextAsync(m => m.Type == "turn.completed", TurnDeadline);
        Assert.NotNull(completed);

        var seen = client.Seen;
        var sources = seen.FirstOrDefault(m => m.Type == "sources");
        Assert.NotNull(sources);
        Assert.Equal("handbook/vacation.md", sources.Json!.Value.GetProperty("sources")[0].GetProperty("document").GetString());
        // The sources arrive while the answer is being prepared, before its audio, not only with the turn's end.
        Assert.True(seen.ToList().IndexOf(sources) < seen.ToList().IndexOf(started), "the sources came after answer.started");
        Assert.Contains(seen, m => m.Type == "answer.done" && m.Text("response_id") == started.Text("response_id"));
        Assert.True(client.AudioBytes > 0);
        // Audio comes only between answer.started and answer.done.
        var startIndex = seen.ToList().IndexOf(started);
        Assert.DoesNotContain(seen.Take(startIndex), m => m.Type == "audio");

        var turn = completed.Json!.Value;
        Assert.Equal("answered", turn.GetProperty("outcome").GetString());
        var timeline = turn.GetProperty("timeline");
        var marks = timeline.GetProperty("marks").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.NotEmpty(marks);
        Assert.Equal(JsonValueKind.Number, timeline.GetProperty("first_audio_ms").ValueKind);
        Assert.Contains(seen, m => m.Type == "turn.state" && m.Text("state") == "thinking");
        Assert.Contains(seen, m => m.Type == "speech.started");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"through /ws: end of the question's frames → answer.started {(started.At - endOfSpeech).TotalMilliseconds:0} ms, → first audio frame {(firstAudio.At - endOfSpeech).TotalMilliseconds:0} ms; engine timeline first_audio_ms {timeline.GetProperty("first_audio_ms").GetDouble():0.0}, final_transcript_ms {timeline.GetProperty("final_transcript_ms")}; {client.AudioBytes} audio bytes"));
        output.WriteLine(string.Join(" | ", seen.Where(m => m.Type != "audio").Select(m => m.Type + (m.Text("text") is { } t ? $" \"{t}\"" : m.Text("state") is { } s ? " " + s : string.Empty))));
    }

    [Fact]
    public async Task Malformed_json_should_get_an_error_event_and_the_session_should_go_on()
    {
        await using var client = await ProtocolClient.ConnectAsync(fixture.Host.WebSocketUri);
        Assert.Equal("session.ready", (await client.NextAsync(_ => true, Step))?.Type);

        await client.SendTextAsync("{\"type\": \"ping\"");
        var error = await client.NextAsync(m => m.Type == "error", Step);
        Assert.Equal("invalid_json", error?.Text("code"));
        await client.SendTextAsync("{\"type\": \"dance\"}");
        Assert.Equal("unknown_event", (await client.NextAsync(m => m.Type == "error", Step))?.Text("code"));
        await client.SendAudioAsync([1, 2, 3]);

        await client.SendTextAsync("{\"type\": \"ping\"}");
        Assert.NotNull(await client.NextAsync(m => m.Type == "pong", Step));
        Assert.Null(client.CloseStatus);
    }

    [Fact]
    public async Task Health_readiness_and_metrics_should_be_served()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseUri };
        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
        using var ready = await http.GetAsync("/readyz");
        Assert.True(ready.IsSuccessStatusCode);

        // A session opened and closed, so the serve meter has something to show beside its gauges.
        await using (var client = await ProtocolClient.ConnectAsync(fixture.Host.WebSocketUri))
        {
            Assert.Equal("session.ready", (await client.NextAsync(_ => true, Step))?.Type);
            await client.SendAudioAsync(new short[480]);
            await client.SendTextAsync("{\"type\": \"ping\"}");
            Assert.NotNull(await client.NextAsync(m => m.Type == "pong", Step));
        }

        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("actorvoice_serve_sessions_total", metrics);
        Assert.Contains("actorvoice_serve_frames_received", metrics);
        Assert.Contains("actorvoice_serve_frame_handling", metrics);
        output.WriteLine(string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("actorvoice_", StringComparison.Ordinal)).Take(40)));
    }
}
