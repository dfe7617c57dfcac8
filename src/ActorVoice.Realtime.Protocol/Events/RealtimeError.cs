namespace ActorVoice.Realtime.Protocol.Events;

/// <summary>The <c>error</c> object of an error event (also used by transcription failures).</summary>
public sealed record RealtimeError(string Type, string Message)
{
    public string? Code { get; init; }

    public string? Param { get; init; }

    public string? EventId { get; init; }
}
