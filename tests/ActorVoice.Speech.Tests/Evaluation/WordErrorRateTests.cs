using ActorVoice.Evaluation.WordErrors;

namespace ActorVoice.Speech.Tests.Evaluation;

public sealed class WordErrorRateTests
{
    [Fact]
    public void Compute_should_be_zero_for_identical_text_up_to_case_and_punctuation()
    {
        var count = WordErrorRate.Compute("What is the policy?", "what is the policy");

        Assert.Equal(0, count.Errors);
        Assert.Equal(4, count.ReferenceWords);
    }

    [Fact]
    public void Compute_should_count_substitutions_deletions_and_insertions()
    {
        // the -> a (sub), "sick" deleted, "please" inserted.
        var count = WordErrorRate.Compute("what is the sick leave policy", "what is a leave policy please");

        Assert.Equal(1, count.Substitutions);
        Assert.Equal(1, count.Deletions);
        Assert.Equal(1, count.Insertions);
        Assert.Equal(3 / 6.0, count.Rate, 6);
    }

    [Fact]
    public void Compute_should_count_every_reference_word_as_deleted_for_an_empty_hypothesis()
    {
        var count = WordErrorRate.Compute("how do i reset my password", "");

        Assert.Equal(6, count.Deletions);
        Assert.Equal(1.0, count.Rate);
    }

    [Fact]
    public void Totals_should_add_counts_not_average_rates()
    {
        var total = WordErrorRate.Compute("a b c d", "a b c d") + WordErrorRate.Compute("e f", "x");

        Assert.Equal(2, total.Errors);
        Assert.Equal(6, total.ReferenceWords);
    }

    [Fact]
    public void Corpus_should_divide_all_errors_by_all_reference_words()
    {
        Assert.Equal(0.25, WordErrorRate.Corpus([("one two", "one"), ("three four", "three four")]));
        Assert.Equal(3 / 4.0, WordErrorRate.Corpus([("a b c d", "a x d e")]));
    }
}
