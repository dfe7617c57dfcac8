using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>
/// How to ask an existing chatbot / RAG backend over HTTP (<c>actorvoice.engine.knowledge.http</c>). Field paths use
/// dots for nesting and numbers for array positions, e.g. <c>choices.0.message.content</c>.
/// </summary>
public sealed record HttpKnowledgeSettings
{
    /// <summary>Absolute http:// or https:// URL the question is POSTed to.</summary>
    public required string Url { get; init; }

    /// <summary>Time allowed for one request, from sending to the whole reply read.</summary>
    [Positive]
    public required TimeSpan Timeout { get; init; }

    /// <summary>Request body field carrying the question.</summary>
    public required string QuestionField { get; init; }

    /// <summary>Path of the answer text in the reply; empty when the backend returns sources only.</summary>
    public required string AnswerField { get; init; }

    /// <summary>Path of the array of sources in the reply; empty when the backend returns an answer only.</summary>
    public required string SourcesField { get; init; }

    public required string SourceDocumentField { get; init; }

    public required string SourceTextField { get; init; }

    public required string SourceScoreField { get; init; }

    public required string SourceHeadingField { get; init; }

    public required string SourceChunkField { get; init; }
}
