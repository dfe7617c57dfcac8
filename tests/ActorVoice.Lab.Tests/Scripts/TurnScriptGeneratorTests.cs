using ActorVoice.Lab.Scripts;
using ActorVoice.Lab.Tests.Support;
using ActorVoice.Evaluation.Noise;
using ActorVoice.Text.Normalization;
using Xunit;

namespace ActorVoice.Lab.Tests.Scripts;

public sealed class TurnScriptGeneratorTests
{
    private static readonly Lazy<SoundAlikeDictionary> Dictionary = new(() => SoundAlikeDictionary.Load(LabTestFiles.SmallDictionary));
    private static readonly Lazy<IReadOnlyList<LabQuestion>> Questions = new(() => QuestionSetLoader.LoadSamples(LabTestFiles.SampleQuestions));

    [Fact]
    public void The_same_seed_gives_the_same_scripts()
    {
        var first = Generate(TestSettings.Simulated(seed: 11));
        var second = Generate(TestSettings.Simulated(seed: 11));

        Assert.Equal(Describe(first), Describe(second));
    }

    [Fact]
    public void Another_seed_gives_other_scripts()
    {
        var first = Generate(TestSettings.Simulated(seed: 11));
        var second = Generate(TestSettings.Simulated(seed: 12));

        Assert.NotEqual(Describe(first), Describe(second));
    }

    [Fact]
    public void A_turn_does_not_depend_on_how_many_turns_follow()
    {
        var shorter = Generate(TestSettings.Simulated(seed: 5, turns: 10));
        var longer = Generate(TestSettings.Simulated(seed: 5, turns: 40));

        Assert.Equal(Describe(shorter), Describe(longer.Take(10).ToArray()));
    }

    [Fact]
    public void Partials_come_in_time_order_during_speech_and_the_turn_is_laid_out_around_its_end()
    {
        foreach (var script in Generate(TestSettings.Simulated(seed: 3)))
        {
            Assert.NotEmpty(script.Partials);
            Assert.True(script.SpeechStartMs < 0);
            Assert.All(script.Partials, partial => Assert.InRange(partial.AtMs, script.SpeechStartMs, script.SpeechEndLocalMs));
            Assert.Equal(script.Partials.Select(p => p.AtMs).Order(), script.Partials.Select(p => p.AtMs));
            Assert.All(script.Partials, partial => Assert.InRange(partial.KnowledgeLatencyMs, 1000, 3000));
            Assert.True(script.FinalTranscriptMs >= script.CommitMs);
            Assert.InRange(script.FinalKnowledgeLatencyMs, 1000, 3000);
        }
    }

    [Fact]
    public void Without_recognition_errors_partials_are_growing_prefixes_and_the_final_is_the_question()
    {
        var settings = TestSettings.Simulated(seed: 9, extra: "recognizer { partial-wer = 0, final-wer = 0 }");

        foreach (var script in Generate(settings))
        {
            var question = TextNormalizer.Transcript(script.Question);
            Assert.Equal(question, script.FinalText);
            Assert.All(script.Partials, partial => Assert.StartsWith(partial.Text, question, StringComparison.Ordinal));
            Assert.Equal(question, script.Partials[^1].Text);
        }
    }

    [Fact]
    public void With_recognition_errors_words_change_between_partials_and_the_final()
    {
        var scripts = Generate(TestSettings.Simulated(seed: 21, turns: 100));

        var rewritten = scripts.Count(script => script.Partials.Any(partial =>
            !TextNormalizer.Transcript(script.FinalText).StartsWith(partial.Text, StringComparison.Ordinal)));
        var imperfectFinals = scripts.Count(script => script.FinalText != TextNormalizer.Transcript(script.Question));

        Assert.True(rewritten > 50, $"only {rewritten} of 100 turns had a partial that the final rewrote");
        Assert.InRange(imperfectFinals, 1, 80);
    }

    [Fact]
    public void Longer_questions_take_longer_to_say()
    {
        var scripts = Generate(TestSettings.Simulated(seed: 4, turns: 200, extra: "speech.rate-jitter = 0"));

        var byWords = scripts.GroupBy(script => TextNormalizer.TranscriptWords(script.Question).Count)
            .ToDictionary(group => group.Key, group => group.First().SpeechDurationMs);
        var (fewest, most) = (byWords.Keys.Min(), byWords.Keys.Max());

        Assert.True(byWords[most] > byWords[fewest]);
        Assert.Equal(most * 400.0, byWords[most], precision: 0);
    }

    private static IReadOnlyList<TurnScript> Generate(ActorVoice.Lab.Experiments.ExperimentSettings settings) =>
        new TurnScriptGenerator(settings, Questions.Value, Dictionary.Value).Generate();

    private static string Describe(IEnumerable<TurnScript> scripts) =>
        string.Join('\n', scripts.Select(script =>
            $"{script.Turn}|{script.QuestionId}|{script.SpeechDurationMs}|{script.FinalText}|{script.FinalTranscriptMs}|{script.FinalKnowledgeLatencyMs}|{script.FirstAudioLatencyMs}|" +
            string.Join(';', script.Partials.Select(partial => $"{partial.AtMs}:{partial.Text}:{partial.KnowledgeLatencyMs}"))));
}
