namespace ActorVoice.Realtime.Protocol.Serialization;

/// <summary>
/// A frame that is not a valid event. Carries what an <c>error</c> event needs: code, param and the offending event id.
/// </summary>
public sealed class RealtimeProtocolException : Exception
{
    public RealtimeProtocolException(string code, string message, string? param = null, string? eventId = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Param = param;
        EventId = eventId;
    }

    public RealtimeProtocolException()
        : this("invalid_event", "Invalid event.")
    {
    }

    public RealtimeProtocolException(string message)
        : this("invalid_event", message)
    {
    }

    public RealtimeProtocolException(string message, Exception inner)
        : this("invalid_event", message, inner: inner)
    {
    }

    public string Code { get; }

    public string? Param { get; }

    public string? EventId { get; }
}
