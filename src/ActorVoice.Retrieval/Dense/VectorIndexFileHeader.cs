namespace ActorVoice.Retrieval.Dense;

/// <summary>The fixed-size start of a vector index file; see <see cref="VectorIndexFile"/>.</summary>
public sealed record VectorIndexFileHeader(
    VectorIndexKind Kind,
    VectorQuantization Quantization,
    int Dimension,
    int Count,
    HnswOptions Hnsw);
