namespace ActorVoice.Engine.Realtime;

/// <summary>The realtime endpoint cannot be reached, or the connection broke.</summary>
public sealed class RealtimeConnectionException : Exception
{
    public RealtimeConnectionException(string message)
        : base(message)
    {
    }

    public RealtimeConnectionException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public RealtimeConnectionException()
    {
    }
}
