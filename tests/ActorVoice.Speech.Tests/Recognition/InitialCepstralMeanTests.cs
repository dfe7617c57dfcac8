using System.Globalization;
using System.Runtime.InteropServices;
using ActorVoice.Audio.Files;
using ActorVoice.Evaluation.WordErrors;
using ActorVoice.Speech.Recognition;

namespace ActorVoice.Speech.Tests.Recognition;

/// <summary>
/// <see cref="PocketsphinxOptions.CmnInit"/>: a new decoder's cepstral mean is set when it is created, so that its
/// first utterance (the first question to a fresh server) is heard as well as the same audio heard again later.
/// The questions are sample questions the model's own -cmninit gets wrong as a first utterance.
/// </summary>
[Collection(SphinxLogCollection.Name)]
public sealed class InitialCepstralMeanTests
{
    private static readonly string[] MisheardWhenCold = ["q27", "q24", "q30"];

    [Fact]
    public void A_new_decoder_should_hear_its_first_utterance_as_well_as_its_second_by_default()
    {
        foreach (var (first, second, text) in FirstAndSecondHypotheses(PocketsphinxOptions.Default))
        {
            var firstWer = WordErrorRate.Compute(text, first).Rate;
            var secondWer = WordErrorRate.Compute(text, second).Rate;
            Assert.True(firstWer <= secondWer, $"first '{first}' ({firstWer:0.00}) vs second '{second}' ({secondWer:0.00}) for '{text}'");
        }
    }

    [Fact]
    public void Without_an_initial_mean_a_new_decoder_should_mishear_its_first_utterance_as_before()
    {
        var pairs = FirstAndSecondHypotheses(PocketsphinxOptions.Default with { CmnInit = null });

        var first = WordErrorRate.Corpus(pairs.Select(p => (p.Text, p.First)));
        var second = WordErrorRate.Corpus(pairs.Select(p => (p.Text, p.Second)));
        Assert.True(first > second + 0.1, $"first-utterance WER {first:0.000}, second {second:0.000}");
    }

    [Fact]
    public void A_new_decoder_should_hold_the_configured_mean_and_no_hypothesis()
    {
        // sphinxbase logs the live mean each time it replaces it ("Update to < c0 c1 ... >").
        var log = Path.GetTempFileName();
        try
        {
            const string mean = "50,1,2,3,4,5,6,7,8,9,10,11,12";
            using (var recognizer = new PocketsphinxRecognizer(PocketsphinxOptions.Default with { CmnInit = mean, LogFile = log }))
            {
                // Setting the mean decodes an utterance of cepstra; none of it may reach the user's first utterance.
                recognizer.StartUtterance();
                Assert.Equal("", recognizer.Process(new short[8_000]));
                Assert.Equal("", recognizer.EndUtterance());
            }

            // sphinxbase writes its log through a buffered C stream.
            _ = fflush(IntPtr.Zero);
            var update = File.ReadLines(log).First(line => line.Contains("Update to", StringComparison.Ordinal));
            var logged = update[(update.IndexOf('<', StringComparison.Ordinal) + 1)..update.IndexOf('>', StringComparison.Ordinal)]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(value => double.Parse(value, CultureInfo.InvariantCulture));
            Assert.Equal(mean.Split(',').Select(value => double.Parse(value, CultureInfo.InvariantCulture)), logged);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("41,x,3")]
    [InlineData("1,2,3,4,5,6,7,8,9,10,11,12,13,14")]
    public void A_malformed_initial_mean_should_be_refused_before_the_model_loads(string mean)
    {
        var error = Assert.Throws<ArgumentException>(() => new PocketsphinxRecognizer(PocketsphinxOptions.Default with { CmnInit = mean }));

        Assert.Contains("CmnInit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Warm_up_audio_should_be_decoded_at_creation_and_count_as_heard()
    {
        var clip = Path.Combine(RepositoryPaths.Root, "samples", "questions", "q27.wav");

        using var recognizer = new PocketsphinxRecognizer(
            PocketsphinxOptions.Default with { WarmUpAudio = [clip], AdaptationAudio = TimeSpan.FromSeconds(1) });

        Assert.False(recognizer.IsAdapting);
        Assert.True(recognizer.WarmUpTime > TimeSpan.Zero);
    }

    [Fact]
    public void A_missing_warm_up_recording_should_be_named_in_a_setup_error()
    {
        var error = Assert.Throws<SpeechSetupException>(
            () => new PocketsphinxRecognizer(PocketsphinxOptions.Default with { WarmUpAudio = ["/nonexistent/warm-up.wav"] }));

        Assert.Contains("/nonexistent/warm-up.wav", error.Message, StringComparison.Ordinal);
    }

    [DllImport("libc")]
    private static extern int fflush(IntPtr stream);

    /// <summary>Each question decoded by a new decoder as its first utterance, then again as its second.</summary>
    private static List<(string First, string Second, string Text)> FirstAndSecondHypotheses(PocketsphinxOptions options)
    {
        var texts = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "samples", "questions", "questions.tsv"))
            .Select(line => line.Split('\t'))
            .ToDictionary(row => row[0], row => (File: row[1], Text: row[2]));
        var result = new List<(string, string, string)>();
        foreach (var id in MisheardWhenCold)
        {
            var (file, text) = texts[id];
            var audio = WavFile.LoadMono16(Path.Combine(RepositoryPaths.Root, "samples", "questions", file), 16_000);
            using var recognizer = new PocketsphinxRecognizer(options);
            var first = recognizer.Recognize(audio);
            result.Add((first, recognizer.Recognize(audio), text));
        }

        return result;
    }
}
