using ActorVoice.Audio.Files;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.EndToEnd;

/// <summary>Spoken questions through the whole path: capture → loopback WebSocket → local server → turn → retrieval → speech → playback.</summary>
[Trait("Category", "EndToEnd")]
public class OfflineConversationSpec : IClassFixture<OfflineConversationFixture>
{
    private readonly OfflineConversationFixture _fixture;

    public OfflineConversationSpec(OfflineConversationFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task A_spoken_question_should_be_transcribed_answered_from_the_right_document_and_spoken_back()
    {
        var result = await _fixture.Runtime.AskAsync(RepoPaths.Question("q01.wav"), "e2e-q01", CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Contains("vacation", result.Transcript, StringComparison.Ordinal);
        Assert.Contains("days", result.Transcript, StringComparison.Ordinal);
        Assert.Equal("handbook/vacation.md", result.TopDocument);
        Assert.Contains("vacation days", result.Answer, StringComparison.Ordinal);
        Assert.True(result.AudioReceivedMs > 1000, $"only {result.AudioReceivedMs} ms of answer audio");
        Assert.NotNull(result.AudioFile);
        var audio = WavFile.LoadMono16(result.AudioFile!, 24000);
        Assert.True(audio.Length > 24000 && audio.Any(s => Math.Abs((int)s) > 1000), "the answer WAV holds speech");
        Assert.False(string.IsNullOrWhiteSpace(result.SpokenTranscript));
        var t = result.Timeline;
        Assert.True(t.SpeechStoppedMs <= t.TranscriptFinalMs && t.TranscriptFinalMs <= t.RetrievalDoneMs && t.RetrievalDoneMs <= t.FirstAudioMs,
            $"marks out of order: {t}");
    }

    [Fact]
    public async Task A_bad_wav_should_fail_its_turn_clearly_and_the_session_should_go_on()
    {
        var bad = Path.Combine(RepoPaths.TempFolder("bad-wav"), "broken.wav");
        await File.WriteAllBytesAsync(bad, [1, 2, 3, 4, 5]);

        var failed = await _fixture.Runtime.AskAsync(bad, "e2e-bad", CancellationToken.None);
        Assert.NotNull(failed.Error);
        Assert.Contains("not a readable WAV file", failed.Error, StringComparison.Ordinal);

        var next = await _fixture.Runtime.AskAsync(RepoPaths.Question("q05.wav"), "e2e-q05", CancellationToken.None);
        Assert.Null(next.Error);
        Assert.Equal("handbook/parental-leave.md", next.TopDocument);
    }

    [Fact]
    public async Task Cutting_into_the_answer_should_silence_it_truncate_it_to_what_was_played_and_answer_the_interruption()
    {
        var interrupt = new ActorVoice.Engine.Turns.TurnActor.Interrupt(RepoPaths.Question("i01.wav"), 1500);
        var first = await _fixture.Runtime.AskAsync(RepoPaths.Question("q01.wav"), "e2e-bargein", CancellationToken.None, interrupt);

        Assert.Equal(ActorVoice.Engine.Turns.TurnOutcome.Interrupted, first.Outcome);
        Assert.NotNull(first.BargeIn);
        var bargeIn = first.BargeIn!;
        Assert.InRange(bargeIn.PlayedMs, 1000, first.AudioReceivedMs - 1);
        Assert.InRange(bargeIn.TruncatedMs, 1, bargeIn.PlayedMs);
        // Nothing after the cut was played: the answer's WAV holds exactly the played milliseconds.
        Assert.NotNull(first.AudioFile);
        Assert.Equal(bargeIn.PlayedMs * 24, WavFile.LoadMono16(first.AudioFile!, 24000).Length);
        Assert.True(first.HeardAnswer.Length < first.SpokenTranscript.Length, "only the heard words are kept");

        var next = await _fixture.Runtime.AwaitTurnAsync(first.TurnNumber + 1, CancellationToken.None);
        Assert.Null(next.Error);
        Assert.Contains("warranty", next.Transcript, StringComparison.Ordinal);
        Assert.Equal("support/warranty.md", next.TopDocument);
    }
}
