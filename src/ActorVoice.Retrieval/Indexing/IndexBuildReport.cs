using ActorVoice.Retrieval.Ingestion;

namespace ActorVoice.Retrieval.Indexing;

/// <summary>What a build or re-index did. <see cref="FullRebuild"/> is true when nothing could be reused.</summary>
public sealed record IndexBuildReport(
    bool FullRebuild,
    int DocumentsAdded,
    int DocumentsUpdated,
    int DocumentsRemoved,
    int DocumentsUnchanged,
    int ChunksWritten,
    int ChunkCount,
    IReadOnlyList<SkippedFile> Skipped,
    TimeSpan Elapsed);
