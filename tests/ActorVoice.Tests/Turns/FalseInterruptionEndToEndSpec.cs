using ActorVoice.Audio.Files;
using ActorVoice.Engine.Turns;
using ActorVoice.Tests.EndToEnd;
using ActorVoice.Tests.Support;
using Xunit.Abstractions;

namespace ActorVoice.Tests.Turns;

/// <summary>
/// False interruptions on the real stack (sample documents, the embedded local server with pocketsphinx and flite, a
/// session over a loopback WebSocket): a cough-like noise burst over the playing answer pauses it and the same answer
/// resumes and completes; real words over the answer still interrupt it and truncate it to what was played.
/// </summary>
[Trait("Category", "EndToEnd")]
public class FalseInterruptionEndToEndSpec : IClassFixture<EnergyVadConversationFixture>
{
    private readonly EnergyVadConversationFixture _fixture;
    private readonly ITestOutputHelper _output;

    public FalseInterruptionEndToEndSpec(EnergyVadConversationFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    /// <summary>
    /// A cough: 600 ms of noise with a sharp attack and a decaying envelope (about -12 dBFS at its loudest), with 100 ms
    /// of silence before it and 700 ms after (seeded, so every run hears the same cough).
    /// </summary>
    private static string CoughWav()
    {
        const int rate = 24_000;
        var random = new Random(42);
        var samples = new short[rate * 14 / 10];
        var start = rate / 10;
        var length = rate * 6 / 10;
        for (var i = 0; i < length; i++)
        {
            var t = i / (double)length;
            var envelope = Math.Min(1, t * 30) * Math.Exp(-2 * t);
            samples[start + i] = (short)((random.NextDouble() * 2 - 1) * envelope * 14_000);
        }

        var path = Path.Combine(RepoPaths.TempFolder("cough"), "cough.wav");
        WavFile.WriteMono16(path, samples, rate);
        return path;
    }

    [Fact]
    public async Task A_cough_over_the_answer_should_pause_it_and_the_same_answer_should_resume_and_complete()
    {
        var interrupt = new TurnActor.Interrupt(CoughWav(), 1500);
        var result = await _fixture.Runtime.AskAsync(RepoPaths.Question("q01.wav"), "e2e-cough", CancellationToken.None, interrupt);
        var marks = string.Join(", ", result.Timeline.Marks.Where(m => m.Name.StartsWith("barge_in", StringComparison.Ordinal)).Select(m => $"{m.Name} {m.AtMs:0} {m.Detail}"));
        _output.WriteLine($"outcome {result.Outcome}, false interruptions {result.FalseInterruptions}, played {result.AudioPlayedMs} of {result.AudioReceivedMs} ms; {marks}");
        if (result.Outcome == TurnOutcome.Interrupted)
        {
            var heard = await _fixture.Runtime.AwaitTurnAsync(result.TurnNumber + 1, CancellationToken.None);
            _output.WriteLine($"the cough was heard as \"{heard.Transcript}\"");
        }

        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.True(result.FalseInterruptions >= 1, "the cough paused the answer and it resumed");
        Assert.Null(result.BargeIn);
        // The whole answer was heard: the pause lost nothing.
        Assert.True(result.AudioReceivedMs > 1500);
        Assert.Equal(result.AudioReceivedMs, result.AudioPlayedMs);
        Assert.Equal(result.SpokenTranscript, result.HeardAnswer);
        Assert.Equal(result.AudioPlayedMs * 24, WavFile.LoadMono16(result.AudioFile!, 24_000).Length);
    }

    [Fact]
    public async Task Words_over_the_answer_should_pause_it_then_interrupt_and_truncate_it_to_what_was_played()
    {
        var interrupt = new TurnActor.Interrupt(RepoPaths.Question("i01.wav"), 1500);
        var first = await _fixture.Runtime.AskAsync(RepoPaths.Question("q01.wav"), "e2e-words", CancellationToken.None, interrupt);
        _output.WriteLine($"outcome {first.Outcome}, played {first.AudioPlayedMs} of {first.AudioReceivedMs} ms, truncated {first.BargeIn?.TruncatedMs}");

        Assert.Equal(TurnOutcome.Interrupted, first.Outcome);
        Assert.Contains(first.Timeline.Marks, m => m.Name == TimelineMarks.BargeInPaused);
        var bargeIn = first.BargeIn!;
        Assert.InRange(bargeIn.PlayedMs, 1000, first.AudioReceivedMs - 1);
        Assert.Equal(bargeIn.PlayedMs, bargeIn.TruncatedMs);
        Assert.Equal(bargeIn.PlayedMs * 24, WavFile.LoadMono16(first.AudioFile!, 24_000).Length);

        var next = await _fixture.Runtime.AwaitTurnAsync(first.TurnNumber + 1, CancellationToken.None);
        Assert.Contains("warranty", next.Transcript, StringComparison.Ordinal);
    }
}
