using System.Text.Json;
using ActorVoice.Cli.Runtime;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Protocol.Tests.Compat;
using ActorVoice.Protocol.Tests.Schema;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.EndToEnd;

/// <summary>
/// The engine itself (AssistantRuntime: SessionActor, TurnActor, RealtimeSocketActor) runs a spoken turn against a
/// separately started local server, and every frame on the socket, both ways, is checked against OpenAI's schema of
/// its event type: what the engine sends and what it is answered with are the published protocol, not a private one.
/// </summary>
[Trait("Category", "EndToEnd")]
[Trait("Category", "Slow")]
public sealed class EngineSchemaConformanceTests(EngineServerFixture fixture) : IClassFixture<EngineServerFixture>
{
    private const int InvalidFramesShown = 8;

    private static readonly string[] ExpectedClientEvents = ["session.update", "input_audio_buffer.append", "conversation.item.create", "response.create"];

    private static readonly string[] ExpectedServerEvents =
    [
        "session.created", "session.updated", "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped",
        "input_audio_buffer.committed", "conversation.item.input_audio_transcription.completed", "response.created",
        "response.output_audio.delta", "response.done",
    ];

    [Theory]
    [InlineData("server_vad")]
    [InlineData("semantic_vad")]
    public async Task The_engine_should_complete_a_spoken_turn_with_every_frame_matching_the_OpenAI_schema(string vadType)
    {
        var folder = RepoPaths.TempFolder("engine-schema");
        var config = CliConfig.Load(null,
        [
            $"actorvoice.engine.realtime.url = {CliConfig.Quote(fixture.Server.RealtimeUri.ToString())}",
            "actorvoice.engine.capture.pace = fast",
            "actorvoice.engine.playback.pace = fast",
            $"actorvoice.engine.playback.output-dir = {CliConfig.Quote(Path.Combine(folder, "audio"))}",
            $"actorvoice.engine.turn.vad-type = {vadType}",
            "actorvoice.engine.turn.vad-eagerness = auto",
        ]);
        var recorder = new FrameRecorder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        fixture.Server.FrameObserver = recorder.Record;
        try
        {
            await using var runtime = await AssistantRuntime.StartAsync(
                config, EngineServerFixture.SampleDocs, Path.Combine(folder, "index"), null, verbose: false, timeout.Token);
            Assert.Equal(fixture.Server.RealtimeUri.Port, runtime.RealtimeUri.Port);

            var result = await runtime.AskAsync(RepoPaths.Question("q01.wav"), "schema-" + vadType, timeout.Token);

            Assert.True(result.Succeeded, "the turn failed: " + result.Error);
            Assert.Contains("vacation", result.Transcript, StringComparison.Ordinal);
            Assert.Equal("handbook/vacation.md", result.TopDocument);
        }
        finally
        {
            fixture.Server.FrameObserver = null;
        }

        var frames = recorder.Frames;
        Assert.Single(frames.Select(f => f.SessionId).Distinct());
        AssertFramesCoverTheTurn(frames);
        AssertEveryFrameMatchesTheSchema(frames);
        AssertTurnDetection(frames, vadType);
    }

    /// <summary>The engine's session.update asked for the configured VAD and kept responses under its own control.</summary>
    private static void AssertTurnDetection(IReadOnlyList<RealtimeFrame> frames, string vadType)
    {
        var update = frames.First(f => f.FromClient && RealtimeSchemaValidator.TypeOf(f.Json) == "session.update");
        using var doc = JsonDocument.Parse(update.Json);
        var detection = doc.RootElement.GetProperty("session").GetProperty("audio").GetProperty("input").GetProperty("turn_detection");
        Assert.Equal(vadType, detection.GetProperty("type").GetString());
        Assert.False(detection.GetProperty("create_response").GetBoolean());
        Assert.False(detection.GetProperty("interrupt_response").GetBoolean());
        if (vadType == "semantic_vad")
        {
            Assert.Equal("auto", detection.GetProperty("eagerness").GetString());
            Assert.False(detection.TryGetProperty("silence_duration_ms", out _), "semantic VAD has no silence duration");
        }
        else
        {
            Assert.True(detection.GetProperty("silence_duration_ms").GetInt32() > 0);
        }
    }

    /// <summary>The recording holds the whole turn, both directions, so the schema check below covers it.</summary>
    private static void AssertFramesCoverTheTurn(IReadOnlyList<RealtimeFrame> frames)
    {
        var client = frames.Where(f => f.FromClient).Select(f => RealtimeSchemaValidator.TypeOf(f.Json)).ToHashSet();
        var server = frames.Where(f => !f.FromClient).Select(f => RealtimeSchemaValidator.TypeOf(f.Json)).ToHashSet();
        Assert.Empty(ExpectedClientEvents.Except(client));
        Assert.Empty(ExpectedServerEvents.Except(server));
    }

    private static void AssertEveryFrameMatchesTheSchema(IReadOnlyList<RealtimeFrame> frames)
    {
        var validator = RealtimeSchemaValidator.Instance;
        var invalid = frames
            .Select(f => (f.Json, Errors: f.FromClient ? validator.ValidateClientEvent(f.Json) : validator.ValidateServerEvent(f.Json), f.FromClient))
            .Where(r => r.Errors.Count > 0)
            .ToList();
        Assert.True(
            invalid.Count == 0,
            $"{invalid.Count} of {frames.Count} frames break the schema ({invalid.Count(r => r.FromClient)} from the engine); the first {InvalidFramesShown}:"
                + Environment.NewLine
                + RealtimeSchemaValidator.Describe(invalid.Take(InvalidFramesShown).Select(r => (r.Json, r.Errors))));
    }
}
