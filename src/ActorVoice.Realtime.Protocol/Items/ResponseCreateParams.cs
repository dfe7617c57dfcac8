using System.Text.Json;

namespace ActorVoice.Realtime.Protocol.Items;

/// <summary>Per-response overrides of <c>response.create</c>.</summary>
public sealed record ResponseCreateParams
{
    public IReadOnlyList<string>? OutputModalities { get; init; }

    public string? Instructions { get; init; }

    public string? Conversation { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public IReadOnlyList<ConversationItem>? Input { get; init; }

    public JsonElement? Tools { get; init; }

    public JsonElement? ToolChoice { get; init; }
}
