namespace ActorVoice.Retrieval.Ingestion;

/// <summary>Source formats the ingestion understands, chosen by file extension.</summary>
public enum DocumentFormat
{
    Markdown,
    PlainText,
    Html,
}
