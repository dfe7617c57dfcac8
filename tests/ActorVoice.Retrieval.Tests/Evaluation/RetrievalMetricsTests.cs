using ActorVoice.Evaluation.Ranking;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Evaluation;

public sealed class RetrievalMetricsTests
{
    private static readonly string[] Ranking = ["d1", "d2", "d3", "d4", "d5", "d6"];

    [Fact]
    public void Recall_should_be_capped_by_the_number_of_relevant_passages()
    {
        var relevant = new HashSet<string> { "d2", "d5", "d9" };

        Assert.Equal(0.0, RetrievalMetrics.RecallAt(Ranking, relevant, 1));
        Assert.Equal(2.0 / 3.0, RetrievalMetrics.RecallAt(Ranking, relevant, 5), 12);
        Assert.Equal(1.0, RetrievalMetrics.RecallAt(Ranking, new HashSet<string> { "d1", "d2" }, 1));
    }

    [Fact]
    public void Reciprocal_rank_should_use_the_first_relevant_within_the_cutoff()
    {
        Assert.Equal(0.5, RetrievalMetrics.ReciprocalRankAt(Ranking, new HashSet<string> { "d2", "d5" }, 10));
        Assert.Equal(0.0, RetrievalMetrics.ReciprocalRankAt(Ranking, new HashSet<string> { "d6" }, 5));
    }

    [Fact]
    public void Ndcg_should_match_hand_computed_values()
    {
        // Relevant at ranks 2 and 5 of 2 relevant: DCG = 1/log2(3) + 1/log2(6); IDCG = 1 + 1/log2(3).
        var expected = ((1 / Math.Log2(3)) + (1 / Math.Log2(6))) / (1 + (1 / Math.Log2(3)));

        Assert.Equal(expected, RetrievalMetrics.NdcgAt(Ranking, new HashSet<string> { "d2", "d5" }, 10), 12);
        Assert.Equal(1.0, RetrievalMetrics.NdcgAt(Ranking, new HashSet<string> { "d1" }, 10), 12);
        Assert.Equal(0.0, RetrievalMetrics.NdcgAt(Ranking, new HashSet<string> { "x" }, 10));
    }

    [Fact]
    public void Evaluator_should_average_metrics_over_queries()
    {
        var queries = new List<(string, IReadOnlySet<string>)>
        {
            ("first", new HashSet<string> { "d1" }),
            ("second", new HashSet<string> { "d3" }),
        };

        var summary = RetrievalEvaluator.Evaluate(queries, (_, k) => Ranking.Take(k).Select((id, i) => (id, 1.0 / (i + 1))).ToArray());

        Assert.Equal(2, summary.QueryCount);
        Assert.Equal(0.5, summary.RecallAt1, 12);
        Assert.Equal(1.0, summary.RecallAt5, 12);
        Assert.Equal((1.0 + (1.0 / 3.0)) / 2, summary.MrrAt10, 12);
        Assert.Equal((1.0 + (1.0 / Math.Log2(4))) / 2, summary.NdcgAt10, 12);
    }
}
