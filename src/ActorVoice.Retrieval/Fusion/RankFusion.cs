namespace ActorVoice.Retrieval.Fusion;

/// <summary>Combines a lexical and a dense ranking (each best first) into one.</summary>
public static class RankFusion
{
    /// <summary>Reciprocal rank fusion: score = sum over sides of 1 / (k + rank), rank starting at 1.</summary>
    public static IReadOnlyList<FusedCandidate> Reciprocal(IReadOnlyList<RankedId> lexical, IReadOnlyList<RankedId> dense, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return Combine(lexical, dense, (l, d) =>
            (l is { } lr ? 1.0 / (k + lr.Rank) : 0) + (d is { } dr ? 1.0 / (k + dr.Rank) : 0));
    }

    /// <summary>
    /// Weighted sum of min-max normalised scores: (1 - denseWeight) * lexical + denseWeight * dense, where a side
    /// that did not return a chunk contributes 0 and a side whose scores are all equal normalises them to 1.
    /// </summary>
    public static IReadOnlyList<FusedCandidate> Weighted(IReadOnlyList<RankedId> lexical, IReadOnlyList<RankedId> dense, double denseWeight)
    {
        if (denseWeight is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(denseWeight), denseWeight, "The dense weight must be between 0 and 1.");
        }

        var (lexicalMin, lexicalMax) = Range(lexical);
        var (denseMin, denseMax) = Range(dense);
        return Combine(lexical, dense, (l, d) =>
            ((1 - denseWeight) * (l is { } lr ? Normalise(lr.Score, lexicalMin, lexicalMax) : 0))
            + (denseWeight * (d is { } dr ? Normalise(dr.Score, denseMin, denseMax) : 0)));
    }

    /// <summary>One side alone, keeping its own scores.</summary>
    public static IReadOnlyList<FusedCandidate> LexicalOnly(IReadOnlyList<RankedId> lexical) =>
        [.. lexical.Select((c, i) => new FusedCandidate(c.Id, c.Score, c.Score, i + 1, null, null))];

    /// <summary>One side alone, keeping its own scores.</summary>
    public static IReadOnlyList<FusedCandidate> DenseOnly(IReadOnlyList<RankedId> dense) =>
        [.. dense.Select((c, i) => new FusedCandidate(c.Id, c.Score, null, null, c.Score, i + 1))];

    private static double Normalise(double score, double min, double max) => max > min ? (score - min) / (max - min) : 1.0;

    private static (double Min, double Max) Range(IReadOnlyList<RankedId> side) =>
        side.Count == 0 ? (0, 0) : (side.Min(c => c.Score), side.Max(c => c.Score));

    private static List<FusedCandidate> Combine(
        IReadOnlyList<RankedId> lexical,
        IReadOnlyList<RankedId> dense,
        Func<(double Score, int Rank)?, (double Score, int Rank)?, double> score)
    {
        var lexicalById = RankById(lexical);
        var denseById = RankById(dense);
        var fused = new List<FusedCandidate>(lexicalById.Count + denseById.Count);
        foreach (var id in lexicalById.Keys.Union(denseById.Keys))
        {
            (double Score, int Rank)? l = lexicalById.TryGetValue(id, out var lv) ? lv : null;
            (double Score, int Rank)? d = denseById.TryGetValue(id, out var dv) ? dv : null;
            fused.Add(new FusedCandidate(id, score(l, d), l?.Score, l?.Rank, d?.Score, d?.Rank));
        }

        // Ties: the better single-side rank first, then the smaller id, so results are deterministic.
        fused.Sort((a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var bestA = Math.Min(a.LexicalRank ?? int.MaxValue, a.DenseRank ?? int.MaxValue);
            var bestB = Math.Min(b.LexicalRank ?? int.MaxValue, b.DenseRank ?? int.MaxValue);
            return bestA != bestB ? bestA.CompareTo(bestB) : a.Id.CompareTo(b.Id);
        });
        return fused;
    }

    private static Dictionary<int, (double Score, int Rank)> RankById(IReadOnlyList<RankedId> side)
    {
        var byId = new Dictionary<int, (double, int)>(side.Count);
        for (var i = 0; i < side.Count; i++)
        {
            byId.TryAdd(side[i].Id, (side[i].Score, i + 1));
        }

        return byId;
    }
}
