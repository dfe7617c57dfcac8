namespace ActorVoice.Retrieval.Dense;

/// <summary>Creates or opens the right <see cref="IVectorIndex"/> for a corpus size or a saved file.</summary>
public static class VectorIndexFactory
{
    public static VectorIndexKind ChooseKind(int expectedCount, VectorIndexOptions? options = null)
    {
        options ??= VectorIndexOptions.Default;
        return expectedCount < options.ExactThreshold ? VectorIndexKind.Exact : VectorIndexKind.Hnsw;
    }

    public static IVectorIndex Create(int dimension, int expectedCount, VectorIndexOptions? options = null)
    {
        options ??= VectorIndexOptions.Default;
        return ChooseKind(expectedCount, options) == VectorIndexKind.Exact
            ? new ExactVectorIndex(dimension, options.ExactQuantization, expectedCount)
            : new HnswVectorIndex(dimension, options.Hnsw);
    }

    /// <summary>
    /// Opens a saved index of whichever kind the file holds. With <paramref name="expectedDimension"/> set
    /// (the embedder's dimension) a mismatch fails before any vector is read.
    /// </summary>
    public static IVectorIndex Load(string path, int? expectedDimension = null)
    {
        var header = VectorIndexFile.ReadHeader(path);
        if (expectedDimension is { } expected && header.Dimension != expected)
        {
            throw new InvalidDataException(
                $"{path} holds {header.Dimension}-dimensional vectors but the embedder produces {expected}; rebuild the index with the current model.");
        }

        return header.Kind == VectorIndexKind.Exact ? ExactVectorIndex.Load(path) : HnswVectorIndex.Load(path);
    }
}
