using ActorVoice.Retrieval.Fusion;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Fusion;

public sealed class RankFusionTests
{
    private static readonly RankedId[] Lexical = [new(1, 12.0), new(2, 8.0), new(3, 2.0)];
    private static readonly RankedId[] Dense = [new(3, 0.9), new(4, 0.7), new(1, 0.5)];

    [Fact]
    public void Reciprocal_should_sum_one_over_k_plus_rank_from_each_side()
    {
        var fused = RankFusion.Reciprocal(Lexical, Dense, k: 60);

        var byId = fused.ToDictionary(f => f.Id);
        Assert.Equal((1.0 / 61) + (1.0 / 63), byId[1].Score, 12);
        Assert.Equal((1.0 / 63) + (1.0 / 61), byId[3].Score, 12);
        Assert.Equal(1.0 / 62, byId[4].Score, 12);
        Assert.Equal((1, 3), (byId[1].LexicalRank!.Value, byId[1].DenseRank!.Value));
        Assert.Null(byId[4].LexicalRank);
        Assert.Equal([1, 3, 2, 4], fused.Select(f => f.Id));
    }

    [Fact]
    public void Weighted_should_combine_min_max_normalised_scores()
    {
        var fused = RankFusion.Weighted(Lexical, Dense, denseWeight: 0.25);

        var byId = fused.ToDictionary(f => f.Id);
        Assert.Equal(0.75 * 1.0, byId[1].Score, 12);
        Assert.Equal((0.75 * 0.6) + 0, byId[2].Score, 12);
        Assert.Equal(0.25 * 1.0, byId[3].Score, 12);
        Assert.Equal(0.25 * 0.5, byId[4].Score, 12);
        Assert.Equal([1, 2, 3, 4], fused.Select(f => f.Id));
    }

    [Fact]
    public void Weighted_should_treat_equal_scores_as_top_and_reject_bad_weights()
    {
        var fused = RankFusion.Weighted([new(7, 3.0), new(8, 3.0)], [], denseWeight: 0.5);

        Assert.All(fused, f => Assert.Equal(0.5, f.Score, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankFusion.Weighted(Lexical, Dense, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankFusion.Reciprocal(Lexical, Dense, 0));
    }
}
