using ActorVoice.Evaluation.Datasets;
using ActorVoice.Evaluation.Noise;
using ActorVoice.Evaluation.WordErrors;
using ActorVoice.Text.Normalization;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Evaluation;

public sealed class RecognitionNoiseModelTests(PronunciationFixture fixture) : IClassFixture<PronunciationFixture>
{
    private static readonly Lazy<string[]> Questions = new(() =>
        OrSharcDatasetLoader.Load(SharedData.Folder("or-sharc")).Queries.Select(query => query.Text).ToArray());

    [Fact]
    public void Dictionary_should_offer_sound_alikes_of_a_common_word()
    {
        var neighbours = fixture.Dictionary.Neighbours("tax");

        Assert.Contains("tacks", neighbours.SameLength);
        Assert.DoesNotContain("tax", neighbours.SameLength);
        Assert.True(fixture.Dictionary.Neighbours("pension").SameLength.Count > 0);
        Assert.True(fixture.Dictionary.Neighbours("zzzqqq").IsEmpty);
    }

    [Fact]
    public void Noise_model_should_be_deterministic_per_seed()
    {
        var model = new RecognitionNoiseModel(fixture.Dictionary, 0.25);

        var first = model.CorruptAll(Questions.Value, seed: 7);
        var again = model.CorruptAll(Questions.Value, seed: 7);
        var other = model.CorruptAll(Questions.Value, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(0.10)]
    [InlineData(0.25)]
    public void Noise_model_should_hit_the_target_word_error_rate(double target)
    {
        var model = new RecognitionNoiseModel(fixture.Dictionary, target);
        var questions = Questions.Value;

        var noisy = model.CorruptAll(questions, seed: 42);
        var measured = WordErrorRate.Corpus(questions.Select((question, i) => (TextNormalizer.Transcript(question), noisy[i])));

        Assert.InRange(measured, target - 0.02, target + 0.02);
    }

    [Fact]
    public void Noise_model_at_zero_should_only_normalise_the_text()
    {
        var model = new RecognitionNoiseModel(fixture.Dictionary, 0.0);

        Assert.Equal("can i claim my state pension abroad", model.Corrupt("Can I claim my State Pension abroad?", new Random(1)));
    }

    [Fact]
    public void Dictionary_should_fail_clearly_when_the_file_is_missing()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SoundAlikeDictionary.Load("/no/such/cmudict.dict"));

        Assert.Contains("/no/such/cmudict.dict", error.Message, StringComparison.Ordinal);
    }
}
