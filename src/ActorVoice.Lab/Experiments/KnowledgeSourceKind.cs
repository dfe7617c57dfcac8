namespace ActorVoice.Lab.Experiments;

/// <summary>What answers the retrieval jobs (<c>experiment.knowledge.source</c>).</summary>
public enum KnowledgeSourceKind
{
    /// <summary>A source that answers after the drawn latency (simulated mode only).</summary>
    Simulated,

    /// <summary>The built-in index, behind the configured delay.</summary>
    Index,

    /// <summary>A text RAG backend over HTTP (<c>experiment.knowledge.url</c>).</summary>
    Http,
}
