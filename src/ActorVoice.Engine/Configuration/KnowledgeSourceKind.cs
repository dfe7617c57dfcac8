namespace ActorVoice.Engine.Configuration;

/// <summary>Which knowledge source answers questions (<c>actorvoice.engine.knowledge.source</c>).</summary>
public enum KnowledgeSourceKind
{
    /// <summary>The built-in document index.</summary>
    Index,

    /// <summary>An existing chatbot or RAG backend reached over HTTP.</summary>
    Http,
}
