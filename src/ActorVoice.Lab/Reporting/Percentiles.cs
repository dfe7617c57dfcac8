namespace ActorVoice.Lab.Reporting;

/// <summary>
/// Nearest-rank percentiles: the P-th percentile of N sorted values is the value at rank ⌈P/100 × N⌉ (1-based;
/// rank 1 for P = 0). Always one of the observed values, so a p99 is a turn that really happened.
/// </summary>
public static class Percentiles
{
    public static double NearestRank(IReadOnlyList<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return NearestRankOfSorted(sorted, percentile);
    }

    /// <summary>Like <see cref="NearestRank"/> on values already sorted ascending.</summary>
    public static double NearestRankOfSorted(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    public static LatencyPercentiles Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return new LatencyPercentiles(
            NearestRankOfSorted(sorted, 50),
            NearestRankOfSorted(sorted, 90),
            NearestRankOfSorted(sorted, 99));
    }
}
