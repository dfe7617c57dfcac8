using ActorVoice.Speech.Synthesis;
using ActorVoice.Speech.Tests.Recognition;
using ActorVoice.Text.Normalization;

namespace ActorVoice.Speech.Tests.Synthesis;

public sealed class FliteSynthesizerTests : IClassFixture<GenericRecognizerFixture>
{
    private readonly GenericRecognizerFixture _fixture;

    public FliteSynthesizerTests(GenericRecognizerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Flite_should_produce_16_khz_speech_of_plausible_length()
    {
        var synthesizer = new FliteSynthesizer();

        var speech = await synthesizer.SynthesizeAsync("Please call the office tomorrow morning before nine.", CancellationToken.None);

        Assert.Equal(16_000, speech.SampleRate);
        Assert.NotEmpty(speech.Samples);
        // Eight words at a normal speaking rate: roughly 2 to 5 seconds.
        Assert.InRange(speech.Duration.TotalSeconds, 1.5, 6);
        Assert.Contains(speech.Samples, s => Math.Abs((int)s) > 1000);
    }

    [Fact]
    public async Task Flite_speech_should_be_recognised_back_by_pocketsphinx()
    {
        var synthesizer = new FliteSynthesizer();
        var speech = await synthesizer.SynthesizeAsync("The weather is very nice today.", CancellationToken.None);

        var hypothesis = _fixture.Recognizer.Recognize(speech.Samples);

        var words = TextNormalizer.TranscriptWords(hypothesis);
        Assert.Contains("weather", words);
        Assert.Contains("today", words);
    }

    [Fact]
    public async Task Flite_should_return_empty_speech_for_empty_text()
    {
        var synthesizer = new FliteSynthesizer();

        var empty = await synthesizer.SynthesizeAsync("", CancellationToken.None);
        var punctuation = await synthesizer.SynthesizeAsync(" ... ", CancellationToken.None);

        Assert.Empty(empty.Samples);
        Assert.Empty(punctuation.Samples);
    }

    [Fact]
    public async Task Flite_should_honour_cancellation()
    {
        var synthesizer = new FliteSynthesizer();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => synthesizer.SynthesizeAsync("This will never be spoken.", cancelled.Token));
    }

    [Fact]
    public async Task Flite_should_stream_one_part_per_sentence()
    {
        var synthesizer = new FliteSynthesizer(FliteVoice.Kal);
        var parts = new List<SynthesizedSpeech>();

        await foreach (var part in synthesizer.SynthesizeSentencesAsync("First sentence. Second one! Third?", CancellationToken.None))
        {
            parts.Add(part);
        }

        Assert.Equal(3, parts.Count);
        // kal speaks at 8 kHz natively; the default output rate resamples it.
        Assert.All(parts, p => Assert.Equal(16_000, p.SampleRate));
    }

    [Fact]
    public void Sentence_splitter_should_split_at_sentence_punctuation_only()
    {
        var sentences = SentenceSplitter.Split("Call us at 10:30. The fee is 2.5 euros!  Done").ToList();

        Assert.Equal(["Call us at 10:30.", "The fee is 2.5 euros!", "Done"], sentences);
    }
}
