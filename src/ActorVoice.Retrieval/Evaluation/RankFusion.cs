namespace ActorVoice.Retrieval.Evaluation;

/// <summary>
/// Combines a lexical and a dense ranking. Reciprocal rank fusion uses ranks only (score scales differ);
/// the weighted sum min-max normalises each list's scores to [0, 1] first, and a passage missing from a
/// list scores 0 there.
/// </summary>
public static class RankFusion
{
    public const int DefaultRrfK = 60;

    public static IReadOnlyList<(string Id, double Score)> ReciprocalRank(
        IReadOnlyList<(string Id, double Score)> lexical,
        IReadOnlyList<(string Id, double Score)> dense,
        int topK,
        int k = DefaultRrfK)
    {
        ArgumentNullException.ThrowIfNull(lexical);
        ArgumentNullException.ThrowIfNull(dense);
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var list in new[] { lexical, dense })
        {
            for (var rank = 0; rank < list.Count; rank++)
            {
                fused[list[rank].Id] = fused.GetValueOrDefault(list[rank].Id) + (1.0 / (k + rank + 1));
            }
        }

        return Top(fused, topK);
    }

    /// <summary>score = denseWeight × dense' + (1 − denseWeight) × lexical', with ' the min-max normalised score.</summary>
    public static IReadOnlyList<(string Id, double Score)> WeightedMinMax(
        IReadOnlyList<(string Id, double Score)> lexical,
        IReadOnlyList<(string Id, double Score)> dense,
        double denseWeight,
        int topK)
    {
        ArgumentNullException.ThrowIfNull(lexical);
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentOutOfRangeException.ThrowIfNegative(denseWeight);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(denseWeight, 1.0);
        var fused = new Dictionary<string, double>(StringComparer.Ordinal);
        AddNormalized(fused, lexical, 1.0 - denseWeight);
        AddNormalized(fused, dense, denseWeight);
        return Top(fused, topK);
    }

    private static void AddNormalized(Dictionary<string, double> fused, IReadOnlyList<(string Id, double Score)> list, double weight)
    {
        if (list.Count == 0)
        {
            return;
        }

        var min = list.Min(item => item.Score);
        var max = list.Max(item => item.Score);
        var range = max - min;
        foreach (var (id, score) in list)
        {
            // A one-item (or flat) list carries no spread; its items count as fully relevant within it.
            var normalized = range > 0 ? (score - min) / range : 1.0;
            fused[id] = fused.GetValueOrDefault(id) + (weight * normalized);
        }
    }

    private static (string Id, double Score)[] Top(Dictionary<string, double> fused, int topK)
    {
        return fused
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(Math.Max(topK, 0))
            .Select(pair => (pair.Key, pair.Value))
            .ToArray();
    }
}
