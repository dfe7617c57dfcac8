using System.Text.Json;

namespace ActorVoice.Realtime.Protocol.Events;

/// <summary>An event whose type this build does not model; kept verbatim so nothing is lost.</summary>
public sealed record RawEvent(string RawType, JsonElement Json) : RealtimeEvent
{
    public override string Type => RawType;
}
