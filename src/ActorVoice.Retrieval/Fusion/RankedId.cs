namespace ActorVoice.Retrieval.Fusion;

/// <summary>One side's candidate: a chunk id and that side's score (higher is better).</summary>
public readonly record struct RankedId(int Id, double Score);
