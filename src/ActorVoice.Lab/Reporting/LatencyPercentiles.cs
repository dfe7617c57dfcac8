namespace ActorVoice.Lab.Reporting;

/// <summary>p50, p90 and p99 of one latency, in milliseconds (nearest rank; see <see cref="Percentiles"/>).</summary>
public sealed record LatencyPercentiles(double P50, double P90, double P99);
