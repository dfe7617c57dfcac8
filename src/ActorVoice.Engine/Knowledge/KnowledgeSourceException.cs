namespace ActorVoice.Engine.Knowledge;

/// <summary>A knowledge source could not answer; the message says which source and why.</summary>
public sealed class KnowledgeSourceException : Exception
{
    public KnowledgeSourceException()
    {
    }

    public KnowledgeSourceException(string message)
        : base(message)
    {
    }

    public KnowledgeSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
