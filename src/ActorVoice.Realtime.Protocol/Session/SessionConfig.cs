using System.Text.Json;

namespace ActorVoice.Realtime.Protocol.Session;

/// <summary>The GA session object (<c>session.update</c>, <c>session.created</c>, <c>session.updated</c>).</summary>
public sealed record SessionConfig
{
    /// <summary><c>realtime</c> or <c>transcription</c>; required in <c>session.update</c>.</summary>
    public string? Type { get; init; } = "realtime";

    public string? Object { get; init; }

    public string? Id { get; init; }

    public string? Model { get; init; }

    public string? Instructions { get; init; }

    public IReadOnlyList<string>? OutputModalities { get; init; }

    public AudioConfig? Audio { get; init; }

    public long? ExpiresAt { get; init; }

    public JsonElement? Tools { get; init; }

    public JsonElement? ToolChoice { get; init; }

    public JsonElement? MaxOutputTokens { get; init; }
}
