namespace ActorVoice.Evaluation.Ranking;

/// <summary>Latency percentiles of one operation, in milliseconds.</summary>
public sealed record LatencySummary(string Operation, int Samples, double P50Milliseconds, double P99Milliseconds, double MeanMilliseconds)
{
    public static LatencySummary FromSamples(string operation, IReadOnlyList<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(operation, 0, 0, 0, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(operation, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Average());
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
