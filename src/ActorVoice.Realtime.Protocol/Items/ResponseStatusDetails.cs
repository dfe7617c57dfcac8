using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Realtime.Protocol.Items;

public sealed record ResponseStatusDetails(string Type)
{
    public string? Reason { get; init; }

    public RealtimeError? Error { get; init; }
}
