using ActorVoice.Retrieval.Indexing;

namespace ActorVoice.Hosting.Knowledge;

/// <summary>
/// Where the document index lives. With <see cref="DocumentsFolder"/> the folder is built or refreshed from it (only
/// changed files are re-indexed) and the documents also feed the recognizer's language model; without it the index
/// folder is opened as it is.
/// </summary>
public sealed record KnowledgeOptions(string IndexFolder, string? DocumentsFolder = null)
{
    /// <summary>Receives the build's progress (with <see cref="DocumentsFolder"/>).</summary>
    public IProgress<IndexBuildProgress>? Progress { get; init; }

    /// <summary>Runs a query on each side at start, so that the first real question pays no model loading (conversations);
    /// a one-off command skips it.</summary>
    public bool WarmUp { get; init; } = true;
}
