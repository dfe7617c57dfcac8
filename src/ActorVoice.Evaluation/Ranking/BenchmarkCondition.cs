namespace ActorVoice.Evaluation.Ranking;

/// <summary>
/// One query set of a retrieval benchmark. <see cref="MeasuredWordErrorRate"/> is the word error rate of its
/// queries against the clean questions as a recogniser would print them (0 for the clean set).
/// </summary>
public sealed record BenchmarkCondition(string Name, string Description, double MeasuredWordErrorRate, int QueryCount);
