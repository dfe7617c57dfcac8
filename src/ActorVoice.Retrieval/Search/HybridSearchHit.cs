namespace ActorVoice.Retrieval.Search;

/// <summary>
/// A retrieved chunk with its final score and each side's raw score and 1-based rank
/// (null when that side did not return the chunk or was not used).
/// </summary>
public sealed record HybridSearchHit(
    DocumentChunk Chunk,
    double Score,
    SearchMode Mode,
    double? Bm25Score,
    int? Bm25Rank,
    double? DenseScore,
    int? DenseRank);
