using ActorVoice.Speech.LanguageModels;

namespace ActorVoice.Speech.Tests.LanguageModels;

public sealed class TrigramLanguageModelTests
{
    private static readonly TrigramLanguageModel Model = TrigramLanguageModel.Train(
    [
        new WeightedSentence(["how", "many", "days", "do", "i", "get"]),
        new WeightedSentence(["how", "many", "weeks", "do", "i", "get"]),
        new WeightedSentence(["you", "get", "twenty", "days"], 2.0),
        new WeightedSentence(["the", "filter", "lasts", "six", "months"], 0.5),
    ]);

    [Theory]
    [InlineData()]
    [InlineData("how")]
    [InlineData("<s>")]
    [InlineData("<s>", "how")]
    [InlineData("how", "many")]
    [InlineData("do", "i")]
    [InlineData("filter", "lasts")]
    [InlineData("days", "get")]
    public void Conditional_probabilities_should_sum_to_one(params string[] history)
    {
        var sum = Model.Vocabulary.Sum(w => Model.Probability(w, history));

        Assert.Equal(1.0, sum, 9);
    }

    [Fact]
    public void Seen_continuations_should_beat_unseen_ones()
    {
        Assert.True(Model.Probability("many", "<s>", "how") > Model.Probability("filter", "<s>", "how"));
        Assert.True(Model.Probability("get", "do", "i") > 0.5);
    }
}
