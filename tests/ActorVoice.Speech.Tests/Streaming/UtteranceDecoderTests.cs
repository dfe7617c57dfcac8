using ActorVoice.Audio.Files;
using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Streaming;

namespace ActorVoice.Speech.Tests.Streaming;

/// <summary>
/// The utterance handling shared by the engine's shadow recognizer and the local server's transcription, on a real
/// pocketsphinx pool of one decoder: whether the pool has its decoder back says whether the utterance gave it back.
/// </summary>
[Trait("Category", "Slow")]
public sealed class UtteranceDecoderTests
{
    private const int SampleRate = 24_000;

    [Fact]
    public void UtteranceDecoder_should_report_growing_partials_then_the_final_and_give_the_decoder_back()
    {
        using var pool = new PocketsphinxRecognizerPool(PocketsphinxOptions.Default, maxSize: 1);
        var audio = WavFile.LoadMono16(Path.Combine(RepositoryPaths.Root, "samples", "questions", "q01.wav"), SampleRate);

        using var utterance = UtteranceDecoder.Start(pool, SampleRate);
        Assert.False(UtteranceDecoder.TryStart(pool, SampleRate, out _), "the one decoder is rented");
        var partials = audio.Chunk(480).Select(frame => utterance.Feed(frame)).OfType<string>().Where(p => p.Length > 0).ToList();
        Assert.NotEmpty(partials);
        Assert.Equal(partials[^1], utterance.Hypothesis);
        Assert.Equal(utterance.Hypothesis.Trim(), utterance.Hypothesis);

        var final = utterance.End();

        Assert.Contains("vacation", final, StringComparison.Ordinal);
        Assert.False(utterance.IsOpen);
        Assert.Throws<InvalidOperationException>(() => utterance.Feed(audio.AsSpan(0, 480)));
        Assert.True(UtteranceDecoder.TryStart(pool, SampleRate, out var next), "End gave the decoder back");
        next.Dispose();
        Assert.Equal(1, pool.CreatedCount);
    }

    [Fact]
    public void An_abandoned_utterance_should_give_its_decoder_back_once()
    {
        using var pool = new PocketsphinxRecognizerPool(PocketsphinxOptions.Default, maxSize: 1);
        var utterance = UtteranceDecoder.Start(pool, SampleRate);
        utterance.Feed(new short[4800]);

        utterance.Dispose();
        utterance.Dispose();

        Assert.True(UtteranceDecoder.TryStart(pool, SampleRate, out var next), "Dispose gave the decoder back");
        Assert.False(UtteranceDecoder.TryStart(pool, SampleRate, out _), "a second Dispose did not return it twice");
        next.Dispose();
    }
}
