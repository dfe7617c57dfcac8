namespace ActorVoice.Evaluation.Ranking;

/// <summary>One ranker's metrics on one query condition.</summary>
public sealed record BenchmarkRow(string Condition, string Ranker, MetricSummary Metrics);
