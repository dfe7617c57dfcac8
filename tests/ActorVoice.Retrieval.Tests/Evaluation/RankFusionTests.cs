using ActorVoice.Retrieval.Evaluation;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Evaluation;

public sealed class RankFusionTests
{
    private static readonly (string, double)[] Lexical = [("a", 12.0), ("b", 8.0), ("c", 4.0)];
    private static readonly (string, double)[] Dense = [("c", 0.9), ("a", 0.7), ("d", 0.5)];

    [Fact]
    public void Reciprocal_rank_fusion_should_sum_one_over_k_plus_rank()
    {
        var fused = RankFusion.ReciprocalRank(Lexical, Dense, 4);

        Assert.Equal(["a", "c", "b", "d"], fused.Select(item => item.Id));
        Assert.Equal((1.0 / 61) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal((1.0 / 63) + (1.0 / 61), fused[1].Score, 12);
    }

    [Fact]
    public void Weighted_fusion_should_min_max_normalise_each_list()
    {
        var fused = RankFusion.WeightedMinMax(Lexical, Dense, 0.5, 10);
        var scores = fused.ToDictionary(item => item.Id, item => item.Score);

        Assert.Equal((0.5 * 1.0) + (0.5 * 0.5), scores["a"], 12);
        Assert.Equal(0.5 * 0.5, scores["b"], 12);
        Assert.Equal(0.5, scores["c"], 12);
        Assert.Equal(0.0, scores["d"], 12);
        Assert.Equal("a", fused[0].Id);
    }

    [Fact]
    public void Weighted_fusion_should_follow_the_dense_list_at_weight_one()
    {
        var fused = RankFusion.WeightedMinMax(Lexical, Dense, 1.0, 2);

        Assert.Equal(["c", "a"], fused.Select(item => item.Id));
    }
}
