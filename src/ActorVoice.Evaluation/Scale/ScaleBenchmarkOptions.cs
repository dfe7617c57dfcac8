using ActorVoice.Retrieval.Dense;

namespace ActorVoice.Evaluation.Scale;

/// <summary>Settings of <see cref="ScaleBenchmark"/>.</summary>
public sealed record ScaleBenchmarkOptions(int ChunkCount, int Seed = 42, int QueryCount = 1000)
{
    public bool IncludeHnsw { get; init; } = true;

    /// <summary>Also time the real MiniLM embedding of short questions (loads the model).</summary>
    public bool IncludeEmbedding { get; init; } = true;

    public HnswOptions Hnsw { get; init; } = HnswOptions.Default;

    public int TopK { get; init; } = 10;

    /// <summary>Candidates each side contributes to hybrid fusion.</summary>
    public int FusionDepth { get; init; } = 50;

    public int Dimension { get; init; } = MiniLmEmbedder.EmbeddingDimension;
}
