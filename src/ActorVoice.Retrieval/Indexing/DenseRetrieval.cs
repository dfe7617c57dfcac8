using ActorVoice.Retrieval.Dense;

namespace ActorVoice.Retrieval.Indexing;

/// <summary>
/// The dense side as the index consumes it: an embedder, a way to create an empty vector index for a
/// dimension and expected size (exact or HNSW is the factory's choice), and optionally a way to load one
/// saved with <see cref="IVectorIndex.Save"/> (without it, the index is rebuilt from the stored vectors on open).
/// </summary>
public sealed record DenseRetrieval(
    ITextEmbedder Embedder,
    Func<int, int, IVectorIndex> CreateIndex,
    Func<string, IVectorIndex>? LoadIndex = null)
{
    /// <summary>The project's vector indexes: exact scan below the threshold, HNSW above (see <see cref="VectorIndexFactory"/>).</summary>
    public static DenseRetrieval WithVectorIndexFactory(ITextEmbedder embedder, VectorIndexOptions? options = null) =>
        new(
            embedder,
            (dimension, count) => VectorIndexFactory.Create(dimension, count, options),
            path => VectorIndexFactory.Load(path, embedder.Dimension));
}
