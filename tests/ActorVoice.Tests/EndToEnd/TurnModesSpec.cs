using ActorVoice.Cli.Runtime;
using ActorVoice.Engine.Turns;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.EndToEnd;

/// <summary>
/// The other turn-taking and injection modes through the whole path with the real local server: the model's
/// search_knowledge tool call, manual turns ended by the local VAD, and the local shadow recognizer.
/// </summary>
[Trait("Category", "EndToEnd")]
public class TurnModesSpec
{
    private static async Task<(TurnResult Result, string AudioFolder)> AskAsync(string question, params string[] settings)
    {
        var folder = RepoPaths.TempFolder("modes");
        var config = CliConfig.Load(null,
        [
            "actorvoice.engine.capture.pace = fast",
            "actorvoice.engine.playback.pace = fast",
            $"actorvoice.engine.playback.output-dir = {CliConfig.Quote(Path.Combine(folder, "audio"))}",
            .. settings,
        ]);
        await using var runtime = await AssistantRuntime.StartAsync(config, RepoPaths.SampleDocs, Path.Combine(folder, "index"), null, verbose: false, CancellationToken.None);
        return (await runtime.AskAsync(RepoPaths.Question(question), "mode", CancellationToken.None), folder);
    }

    [Fact]
    public async Task Tool_mode_should_answer_through_the_models_search_knowledge_call()
    {
        var (result, _) = await AskAsync("q05.wav", "actorvoice.engine.answer.injection = tool");
        Assert.Null(result.Error);
        Assert.Equal("handbook/parental-leave.md", result.TopDocument);
        Assert.Contains("twenty weeks", result.SpokenTranscript, StringComparison.Ordinal);
        Assert.True(result.AudioReceivedMs > 1000, $"{result.AudioReceivedMs} ms of answer audio");
    }

    [Fact]
    public async Task Local_turns_should_be_committed_by_the_local_vad_and_answered()
    {
        var (result, _) = await AskAsync("q01.wav", "actorvoice.engine.turn.vad-type = local");
        Assert.Null(result.Error);
        Assert.Contains("vacation", result.Transcript, StringComparison.Ordinal);
        Assert.Equal("handbook/vacation.md", result.TopDocument);
        Assert.NotNull(result.Timeline.SpeechStoppedMs);
    }

    [Fact]
    public async Task The_local_recognizer_should_give_partials_before_the_final_transcript()
    {
        // Spoken in real time, as a user speaks: at fast pace the whole question reaches the server at once, and
        // whether the server's final or the shadow recognizer's partials come first would be a race of two decoders.
        var (result, _) = await AskAsync("q08.wav", "actorvoice.engine.turn.local-recognizer = on", "actorvoice.engine.capture.pace = realtime");
        Assert.Null(result.Error);
        Assert.NotEmpty(result.LocalPartials);
        Assert.Contains(result.LocalPartials, p => p.Contains("meal", StringComparison.Ordinal));
        Assert.True(result.Speculation!.Started > 0, "speculation ran on the local partials");
        Assert.Equal("handbook/expenses-travel.md", result.TopDocument);
    }
}
