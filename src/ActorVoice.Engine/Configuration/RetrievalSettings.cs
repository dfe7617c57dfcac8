using ActorVoice.Config;
using ActorVoice.Retrieval;

namespace ActorVoice.Engine.Configuration;

/// <summary>How the session's knowledge index is built and searched (<c>actorvoice.engine.retrieval</c>).</summary>
public sealed record RetrievalSettings
{
    [SettingRange(1)]
    public required int TopK { get; init; }

    [Positive]
    public required TimeSpan Timeout { get; init; }

    /// <summary>bm25, dense, rrf or weighted; dense, rrf and weighted load the MiniLM embedder.</summary>
    public required SearchMode Mode { get; init; }

    [SettingRange(0, 1)]
    public required double DenseWeight { get; init; }

    [SettingRange(1)]
    public required int RrfK { get; init; }

    [SettingRange(50)]
    public required int ChunkSize { get; init; }

    [SettingRange(0)]
    public required int ChunkOverlap { get; init; }

    [SettingRange(0)]
    public required float Bm25K1 { get; init; }

    [SettingRange(0, 1)]
    public required float Bm25B { get; init; }

    [SettingRange(0)]
    public required float HeadingBoost { get; init; }

    public required bool Phonetic { get; init; }

    [SettingRange(0)]
    public required float PhoneticWeight { get; init; }

    /// <summary>CMU pronouncing dictionary of the sound-alike field; when missing, words fall back to character n-grams.</summary>
    public required string PhoneticDictionary { get; init; }

    [SettingRange(1)]
    public required int FusionCandidates { get; init; }

    [SettingRange(1)]
    public required int EmbeddingBatchSize { get; init; }

    [SettingRange(1)]
    public required int QueryEmbeddingCacheSize { get; init; }

    public bool UsesDense => Mode != SearchMode.Bm25;

    /// <summary>The index options these settings stand for.</summary>
    public RetrievalOptions ToOptions() => new()
    {
        DefaultMode = Mode,
        DenseWeight = DenseWeight,
        RrfK = RrfK,
        ChunkTargetChars = ChunkSize,
        ChunkOverlapChars = ChunkOverlap,
        Bm25K1 = Bm25K1,
        Bm25B = Bm25B,
        HeadingBoost = HeadingBoost,
        PhoneticEnabled = Phonetic,
        PhoneticWeight = PhoneticWeight,
        PhoneticDictionaryPath = PhoneticDictionary,
        FusionCandidates = FusionCandidates,
        EmbeddingBatchSize = EmbeddingBatchSize,
        QueryEmbeddingCacheSize = QueryEmbeddingCacheSize,
    };
}
