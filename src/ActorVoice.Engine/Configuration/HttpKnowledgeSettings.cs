namespace ActorVoice.Engine.Configuration;

/// <summary>
/// How to ask an existing chatbot / RAG backend over HTTP (<c>actorvoice.engine.knowledge.http</c>). Field paths use
/// dots for nesting and numbers for array positions, e.g. <c>choices.0.message.content</c>.
/// </summary>
public sealed record HttpKnowledgeSettings
{
    /// <summary>Absolute http:// or https:// URL the question is POSTed to.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>Time allowed for one request, from sending to the whole reply read.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Request body field carrying the question.</summary>
    public string QuestionField { get; init; } = "question";

    /// <summary>Path of the answer text in the reply; empty when the backend returns sources only.</summary>
    public string AnswerField { get; init; } = "answer";

    /// <summary>Path of the array of sources in the reply; empty when the backend returns an answer only.</summary>
    public string SourcesField { get; init; } = "sources";

    public string SourceDocumentField { get; init; } = "document";

    public string SourceTextField { get; init; } = "text";

    public string SourceScoreField { get; init; } = "score";

    public string SourceHeadingField { get; init; } = "heading";

    public string SourceChunkField { get; init; } = "chunk";
}
