using ActorVoice.Retrieval;

namespace ActorVoice.Engine.Configuration;

/// <summary>How the session's knowledge index is built and searched (<c>actorvoice.engine.retrieval</c>).</summary>
public sealed record RetrievalSettings
{
    public int TopK { get; init; } = 3;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>bm25, dense, rrf or weighted; dense, rrf and weighted load the MiniLM embedder.</summary>
    public SearchMode Mode { get; init; } = SearchMode.Weighted;

    public double DenseWeight { get; init; } = 0.5;

    public int RrfK { get; init; } = 60;

    public int ChunkSize { get; init; } = 600;

    public int ChunkOverlap { get; init; } = 100;

    public float Bm25K1 { get; init; } = 1.2f;

    public float Bm25B { get; init; } = 0.75f;

    public float PhoneticWeight { get; init; } = 0.3f;

    public bool UsesDense => Mode != SearchMode.Bm25;

    /// <summary>The index options these settings stand for.</summary>
    public RetrievalOptions ToOptions() => RetrievalOptions.Default with
    {
        DefaultMode = Mode,
        DenseWeight = DenseWeight,
        RrfK = RrfK,
        ChunkTargetChars = ChunkSize,
        ChunkOverlapChars = ChunkOverlap,
        Bm25K1 = Bm25K1,
        Bm25B = Bm25B,
        PhoneticWeight = PhoneticWeight,
    };
}
