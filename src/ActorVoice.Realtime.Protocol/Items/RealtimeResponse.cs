using System.Text.Json;

namespace ActorVoice.Realtime.Protocol.Items;

/// <summary>The response object of <c>response.created</c> / <c>response.done</c>.</summary>
public sealed record RealtimeResponse(string Id, string Status)
{
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Incomplete = "incomplete";
    public const string Failed = "failed";

    public string Object { get; init; } = "realtime.response";

    public ResponseStatusDetails? StatusDetails { get; init; }

    public IReadOnlyList<ConversationItem> Output { get; init; } = [];

    public string? ConversationId { get; init; }

    public IReadOnlyList<string>? OutputModalities { get; init; }

    public ResponseUsage? Usage { get; init; }

    public AudioOutputSettings? Audio { get; init; }

    public JsonElement? MaxOutputTokens { get; init; }

    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
