using ActorVoice.Evaluation.Ranking;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Evaluation;

public sealed class LuceneBm25RankerTests
{
    private static readonly (string, string)[] Passages =
    [
        ("pension", "You can claim the State Pension when you reach State Pension age."),
        ("tax", "Tax on income you earn abroad if you leave the UK."),
        ("loan", "Veterans can apply for a home loan on trust land."),
    ];

    [Fact]
    public void Ranker_should_put_the_passage_sharing_stemmed_terms_first()
    {
        using var ranker = LuceneBm25Ranker.Build(Passages);

        var hits = ranker.Search("claiming pensions", 3);

        Assert.Equal("pension", hits[0].Id);
        Assert.True(hits[0].Score > 0);
        Assert.Equal(3, ranker.Count);
    }

    [Fact]
    public void Ranker_should_return_nothing_for_stop_words_or_query_syntax()
    {
        using var ranker = LuceneBm25Ranker.Build(Passages);

        Assert.Empty(ranker.Search("the and of", 5));
        Assert.Equal("loan", ranker.Search("loan AND (\"trust", 5)[0].Id);
    }
}
