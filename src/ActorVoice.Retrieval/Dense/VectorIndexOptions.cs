namespace ActorVoice.Retrieval.Dense;

/// <summary>
/// How <see cref="VectorIndexFactory"/> chooses an index: exact scan below <see cref="ExactThreshold"/> vectors
/// (no build cost, exact, about 1 ms per 20k vectors), HNSW at or above it.
/// </summary>
public sealed record VectorIndexOptions(
    int ExactThreshold = 50_000,
    VectorQuantization ExactQuantization = VectorQuantization.None,
    HnswOptions? Hnsw = null)
{
    public static VectorIndexOptions Default { get; } = new();
}
