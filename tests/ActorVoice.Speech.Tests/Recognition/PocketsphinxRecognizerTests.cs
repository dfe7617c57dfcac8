using ActorVoice.Audio.Files;
using ActorVoice.Evaluation.Asr;
using ActorVoice.Speech.Recognition;
using ActorVoice.Text.Normalization;

namespace ActorVoice.Speech.Tests.Recognition;

public sealed class PocketsphinxRecognizerTests : IClassFixture<GenericRecognizerFixture>
{
    private readonly PocketsphinxRecognizer _recognizer;

    public PocketsphinxRecognizerTests(GenericRecognizerFixture fixture)
    {
        _recognizer = fixture.Recognizer;
    }

    [Fact]
    public void Recognizer_should_decode_a_librivox_clip_with_most_words_right()
    {
        var sample = AsrDataSets.LoadLibriVox().Single(s => s.Id.EndsWith("0880", StringComparison.Ordinal));
        var audio = WavFile.LoadMono16(sample.WavPath, _recognizer.SampleRate);

        var result = AsrBenchmark.RunOne(_recognizer, sample, audio);

        Assert.True(result.Errors.Rate < 0.6, $"WER {result.Errors.Rate:F2}: '{result.Hypothesis}' vs '{sample.ReferenceText}'");
        var words = TextNormalizer.TranscriptWords(result.Hypothesis);
        Assert.Contains("young", words);
        Assert.Contains("man", words);
    }

    [Fact]
    public void Recognizer_should_report_partial_hypotheses_before_the_utterance_ends()
    {
        var sample = AsrDataSets.LoadLibriVox().Single(s => s.Id.EndsWith("0870", StringComparison.Ordinal));
        var audio = WavFile.LoadMono16(sample.WavPath, _recognizer.SampleRate);

        var result = AsrBenchmark.RunOne(_recognizer, sample, audio);

        Assert.True(result.PartialHypothesisCount >= 3, $"only {result.PartialHypothesisCount} partial hypotheses");
        Assert.NotNull(result.FirstPartialAt);
        Assert.True(result.FirstPartialAt < result.AudioDuration / 2, $"first partial only at {result.FirstPartialAt}");
    }

    [Fact]
    public void Recognizer_should_return_empty_hypothesis_for_silence()
    {
        var hypothesis = _recognizer.Recognize(new short[16_000]);

        Assert.Equal("", hypothesis.Trim());
    }

    [Fact]
    public void Recognizer_should_reject_process_outside_an_utterance()
    {
        Assert.Throws<InvalidOperationException>(() => _recognizer.Process(new short[320]));
    }

    [Fact]
    public void Recognizer_should_name_a_missing_language_model_file()
    {
        var options = PocketsphinxOptions.Default with { LanguageModelPath = "/nonexistent/domain.lm" };

        var error = Assert.Throws<SpeechSetupException>(() => new PocketsphinxRecognizer(options));

        Assert.Contains("/nonexistent/domain.lm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recognizer_should_name_the_debian_packages_when_the_acoustic_model_is_missing()
    {
        var options = PocketsphinxOptions.Default with { HmmPath = "/nonexistent/en-us" };

        var error = Assert.Throws<SpeechSetupException>(() => new PocketsphinxRecognizer(options));

        Assert.Contains("/nonexistent/en-us", error.Message, StringComparison.Ordinal);
        Assert.Contains("pocketsphinx-en-us", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Benchmark_should_report_a_clear_error_for_a_missing_wav()
    {
        var missing = new AsrSample("missing", "/nonexistent/question.wav", "hello");

        var error = Assert.ThrowsAny<Exception>(() => AsrBenchmark.Run(_recognizer, [missing]));

        Assert.Contains("/nonexistent/question.wav", error.Message, StringComparison.Ordinal);
    }
}
