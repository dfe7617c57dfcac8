namespace ActorVoice.Evaluation.Ranking;

/// <summary>
/// Per-query ranking metrics with binary relevance. Recall@k is capped recall, |relevant ∩ top-k| / min(k, |relevant|),
/// as in BEIR: with one gold passage it is the hit rate, and a query with six relevant answers scores 1 at k = 1
/// when its first result is any of them.
/// </summary>
public static class RetrievalMetrics
{
    public static double RecallAt(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (relevant.Count == 0)
        {
            return 0;
        }

        var found = ranked.Take(k).Distinct(StringComparer.Ordinal).Count(relevant.Contains);
        return (double)found / Math.Min(k, relevant.Count);
    }

    /// <summary>1 / rank of the first relevant result within the top <paramref name="k"/>, else 0.</summary>
    public static double ReciprocalRankAt(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]))
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    /// <summary>DCG of the top k (gain 1 / log2(rank + 1) per relevant result) over the ideal DCG.</summary>
    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        if (relevant.Count == 0)
        {
            return 0;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i]) && seen.Add(ranked[i]))
            {
                dcg += 1.0 / Math.Log2(i + 2);
            }
        }

        var ideal = 0.0;
        for (var i = 0; i < Math.Min(k, relevant.Count); i++)
        {
            ideal += 1.0 / Math.Log2(i + 2);
        }

        return dcg / ideal;
    }
}
