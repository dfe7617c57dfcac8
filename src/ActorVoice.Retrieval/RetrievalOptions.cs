using ActorVoice.Text.Pronunciation;

namespace ActorVoice.Retrieval;

/// <summary>
/// Typed settings of the document index. The engine and the CLI build it from <c>actorvoice.engine.retrieval</c>
/// (hocon/reference/engine.conf) with every value set; the initial values below serve only callers of this library that
/// read no HOCON (its own tests and tools). They equal engine.conf's but for the mode (BM25 here, needing no embedder),
/// which a test of the engine's settings checks.
/// </summary>
public sealed record RetrievalOptions
{
    public static RetrievalOptions Default { get; } = new();

    /// <summary>Target chunk length in characters; chunks break at paragraphs, then sentences, then words.</summary>
    public int ChunkTargetChars { get; init; } = 600;

    /// <summary>Characters repeated from the end of a chunk at the start of the next one (same section only).</summary>
    public int ChunkOverlapChars { get; init; } = 100;

    /// <summary>BM25 term-frequency saturation.</summary>
    public float Bm25K1 { get; init; } = 1.2f;

    /// <summary>BM25 length normalisation.</summary>
    public float Bm25B { get; init; } = 0.75f;

    /// <summary>Query-time weight of matches in the heading path relative to the body text.</summary>
    public float HeadingBoost { get; init; } = 1.5f;

    /// <summary>Index a sound-alike field so that misrecognised words still match.</summary>
    public bool PhoneticEnabled { get; init; } = true;

    /// <summary>Query-time weight of the sound-alike field relative to the body text.</summary>
    public float PhoneticWeight { get; init; } = 0.3f;

    /// <summary>CMU pronouncing dictionary; when the file is missing every word falls back to character n-grams.</summary>
    public string PhoneticDictionaryPath { get; init; } = CmuDictionary.PocketsphinxDefaultPath;

    /// <summary>Mode used by <see cref="Search.IKnowledgeIndex.Search"/>; dense modes need an embedder.</summary>
    public SearchMode DefaultMode { get; init; } = SearchMode.Bm25;

    /// <summary>Reciprocal rank fusion constant: score = sum 1 / (k + rank).</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>Weight of the dense side in <see cref="SearchMode.Weighted"/> (BM25 gets 1 - this).</summary>
    public double DenseWeight { get; init; } = 0.5;

    /// <summary>How many candidates each side contributes before fusion (at least topK).</summary>
    public int FusionCandidates { get; init; } = 50;

    /// <summary>Chunks embedded per batch while indexing.</summary>
    public int EmbeddingBatchSize { get; init; } = 32;

    /// <summary>Most query embeddings remembered by the prefix cache.</summary>
    public int QueryEmbeddingCacheSize { get; init; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> with a readable message when a value makes no sense.</summary>
    public void Validate()
    {
        if (ChunkTargetChars < 50)
        {
            throw new ArgumentException($"ChunkTargetChars must be at least 50 (got {ChunkTargetChars}).");
        }

        if (ChunkOverlapChars < 0 || ChunkOverlapChars >= ChunkTargetChars / 2)
        {
            throw new ArgumentException(
                $"ChunkOverlapChars must be between 0 and half the chunk size (got {ChunkOverlapChars} for a chunk size of {ChunkTargetChars}).");
        }

        if (Bm25K1 < 0 || Bm25B < 0 || Bm25B > 1)
        {
            throw new ArgumentException($"BM25 needs k1 >= 0 and 0 <= b <= 1 (got k1={Bm25K1}, b={Bm25B}).");
        }

        if (HeadingBoost < 0 || PhoneticWeight < 0)
        {
            throw new ArgumentException($"HeadingBoost and PhoneticWeight must not be negative (got {HeadingBoost}, {PhoneticWeight}).");
        }

        if (RrfK < 1)
        {
            throw new ArgumentException($"RrfK must be positive (got {RrfK}).");
        }

        if (DenseWeight is < 0 or > 1)
        {
            throw new ArgumentException($"DenseWeight must be between 0 and 1 (got {DenseWeight}).");
        }

        if (FusionCandidates < 1 || EmbeddingBatchSize < 1 || QueryEmbeddingCacheSize < 1)
        {
            throw new ArgumentException("FusionCandidates, EmbeddingBatchSize and QueryEmbeddingCacheSize must be positive.");
        }
    }
}
