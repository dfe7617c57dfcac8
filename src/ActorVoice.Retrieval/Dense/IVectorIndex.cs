namespace ActorVoice.Retrieval.Dense;

/// <summary>
/// Nearest-neighbour search over L2-normalised vectors keyed by chunk id (cosine similarity).
/// An exact SIMD scan and an HNSW graph both implement it.
/// </summary>
public interface IVectorIndex : IDisposable
{
    int Dimension { get; }

    int Count { get; }

    void Add(int id, ReadOnlySpan<float> vector);

    /// <summary>Best first; scores are cosine similarities.</summary>
    IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int topK);

    void Save(string path);
}
