namespace ActorVoice.Retrieval.Indexing;

/// <summary>Progress of a build: <see cref="Stage"/> is "scan", "chunk", "embed", "vectors" or "done".</summary>
public sealed record IndexBuildProgress(string Stage, int Done, int Total, string? Current = null);
