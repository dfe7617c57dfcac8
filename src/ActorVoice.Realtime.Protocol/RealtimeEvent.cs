using System.Text.Json.Serialization;

namespace ActorVoice.Realtime.Protocol;

/// <summary>
/// Base of every event on a Realtime API WebSocket: one JSON text frame, discriminated by <c>type</c>.
/// </summary>
public abstract record RealtimeEvent
{
    /// <summary>The wire name of the event, e.g. <c>session.update</c>.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-2)]
    public abstract string Type { get; }

    /// <summary>Client-chosen id (client events) or server-assigned id (server events).</summary>
    [JsonPropertyName("event_id")]
    [JsonPropertyOrder(-1)]
    public string? EventId { get; init; }
}
