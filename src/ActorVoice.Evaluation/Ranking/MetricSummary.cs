namespace ActorVoice.Evaluation.Ranking;

/// <summary>Mean metrics over a query set.</summary>
public sealed record MetricSummary(int QueryCount, double RecallAt1, double RecallAt5, double MrrAt10, double NdcgAt10);
