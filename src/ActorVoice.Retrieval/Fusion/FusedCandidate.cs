namespace ActorVoice.Retrieval.Fusion;

/// <summary>
/// A chunk id after fusion with the fused score and, for each side that returned it, its raw score and
/// 1-based rank (null when that side did not return the chunk).
/// </summary>
public sealed record FusedCandidate(int Id, double Score, double? LexicalScore, int? LexicalRank, double? DenseScore, int? DenseRank);
