using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Realtime.Protocol.Serialization;

/// <summary>
/// Encodes events to JSON text frames and decodes frames to typed events. Unknown event types decode to
/// <see cref="RawEvent"/> so that a newer peer never crashes an older one.
/// </summary>
public static class RealtimeJson
{
    private static readonly RealtimeJsonContext Context = RealtimeJsonContext.Default;

    private static readonly FrozenDictionary<string, JsonTypeInfo> TypeInfos = new Dictionary<string, JsonTypeInfo>
    {
        [EventTypes.SessionUpdate] = Context.SessionUpdate,
        [EventTypes.InputAudioBufferAppend] = Context.InputAudioBufferAppend,
        [EventTypes.InputAudioBufferCommit] = Context.InputAudioBufferCommit,
        [EventTypes.InputAudioBufferClear] = Context.InputAudioBufferClear,
        [EventTypes.ConversationItemCreate] = Context.ConversationItemCreate,
        [EventTypes.ConversationItemDelete] = Context.ConversationItemDelete,
        [EventTypes.ConversationItemRetrieve] = Context.ConversationItemRetrieve,
        [EventTypes.ConversationItemTruncate] = Context.ConversationItemTruncate,
        [EventTypes.ResponseCreate] = Context.ResponseCreate,
        [EventTypes.ResponseCancel] = Context.ResponseCancel,
        [EventTypes.Error] = Context.ErrorEvent,
        [EventTypes.SessionCreated] = Context.SessionCreated,
        [EventTypes.SessionUpdated] = Context.SessionUpdated,
        [EventTypes.SpeechStarted] = Context.SpeechStarted,
        [EventTypes.SpeechStopped] = Context.SpeechStopped,
        [EventTypes.InputAudioBufferCommitted] = Context.InputAudioBufferCommitted,
        [EventTypes.InputAudioBufferCleared] = Context.InputAudioBufferCleared,
        [EventTypes.ConversationItemAdded] = Context.ConversationItemAdded,
        [EventTypes.ConversationItemDone] = Context.ConversationItemDone,
        [EventTypes.ConversationItemRetrieved] = Context.ConversationItemRetrieved,
        [EventTypes.ConversationItemTruncated] = Context.ConversationItemTruncated,
        [EventTypes.ConversationItemDeleted] = Context.ConversationItemDeleted,
        [EventTypes.InputAudioTranscriptionDelta] = Context.InputAudioTranscriptionDelta,
        [EventTypes.InputAudioTranscriptionCompleted] = Context.InputAudioTranscriptionCompleted,
        [EventTypes.InputAudioTranscriptionFailed] = Context.InputAudioTranscriptionFailed,
        [EventTypes.ResponseCreated] = Context.ResponseCreated,
        [EventTypes.ResponseDone] = Context.ResponseDone,
        [EventTypes.ResponseOutputItemAdded] = Context.ResponseOutputItemAdded,
        [EventTypes.ResponseOutputItemDone] = Context.ResponseOutputItemDone,
        [EventTypes.ResponseContentPartAdded] = Context.ResponseContentPartAdded,
        [EventTypes.ResponseContentPartDone] = Context.ResponseContentPartDone,
        [EventTypes.ResponseOutputAudioDelta] = Context.ResponseOutputAudioDelta,
        [EventTypes.ResponseOutputAudioDone] = Context.ResponseOutputAudioDone,
        [EventTypes.ResponseOutputAudioTranscriptDelta] = Context.ResponseOutputAudioTranscriptDelta,
        [EventTypes.ResponseOutputAudioTranscriptDone] = Context.ResponseOutputAudioTranscriptDone,
        [EventTypes.ResponseOutputTextDelta] = Context.ResponseOutputTextDelta,
        [EventTypes.ResponseOutputTextDone] = Context.ResponseOutputTextDone,
        [EventTypes.OutputAudioBufferClear] = Context.OutputAudioBufferClear,
        [EventTypes.ConversationCreated] = Context.ConversationCreated,
        [EventTypes.ConversationItemCreated] = Context.ConversationItemCreated,
        [EventTypes.InputAudioTranscriptionSegment] = Context.InputAudioTranscriptionSegment,
        [EventTypes.InputAudioBufferTimeoutTriggered] = Context.InputAudioBufferTimeoutTriggered,
        [EventTypes.InputAudioBufferDtmfEventReceived] = Context.InputAudioBufferDtmfEventReceived,
        [EventTypes.RateLimitsUpdated] = Context.RateLimitsUpdated,
        [EventTypes.ResponseFunctionCallArgumentsDelta] = Context.ResponseFunctionCallArgumentsDelta,
        [EventTypes.ResponseFunctionCallArgumentsDone] = Context.ResponseFunctionCallArgumentsDone,
        [EventTypes.OutputAudioBufferStarted] = Context.OutputAudioBufferStarted,
        [EventTypes.OutputAudioBufferStopped] = Context.OutputAudioBufferStopped,
        [EventTypes.OutputAudioBufferCleared] = Context.OutputAudioBufferCleared,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The session object as JSON (wire names), e.g. to merge a partial <c>session.update</c> into it.</summary>
    public static JsonObject SessionToJson(SessionConfig session) =>
        (JsonObject)JsonSerializer.SerializeToNode(session, Context.SessionConfig)!;

    /// <summary>Reads a session object; throws <see cref="RealtimeProtocolException"/> (code <c>invalid_value</c>) when malformed.</summary>
    public static SessionConfig SessionFromJson(JsonNode node)
    {
        try
        {
            return node.Deserialize(Context.SessionConfig)
                ?? throw new RealtimeProtocolException("invalid_value", "The session object is null.", "session");
        }
        catch (JsonException ex)
        {
            throw FromJsonException(ex, "Invalid session", "session", null);
        }
    }

    /// <summary>Whether <paramref name="type"/> is an event this build models.</summary>
    public static bool IsKnownType(string type) => TypeInfos.ContainsKey(type);

    public static string Serialize(RealtimeEvent realtimeEvent)
    {
        ArgumentNullException.ThrowIfNull(realtimeEvent);
        if (realtimeEvent is RawEvent raw)
        {
            return raw.Json.GetRawText();
        }

        return JsonSerializer.Serialize(realtimeEvent, TypeInfos[realtimeEvent.Type]);
    }

    /// <summary>Longest accepted client <c>event_id</c>, as on OpenAI's server.</summary>
    public const int MaxEventIdLength = 512;

    /// <summary>
    /// Decodes one text frame. Throws <see cref="RealtimeProtocolException"/> (code <c>invalid_json</c>,
    /// <c>invalid_event</c>, <c>missing_required_parameter</c>, <c>invalid_type</c> or <c>invalid_value</c>) for a frame that cannot be an event.
    /// </summary>
    public static RealtimeEvent Parse(string json) => Parse(json, clientOnly: false);

    /// <summary>
    /// Decodes one frame a client sent (the server side): like <see cref="Parse(string)"/>, but a server event type
    /// is rejected (<c>invalid_value</c>, param <c>type</c>) before its fields are read, and an over-long
    /// <c>event_id</c> gives <c>string_above_max_length</c>.
    /// </summary>
    public static RealtimeEvent ParseClientEvent(string json) => Parse(json, clientOnly: true);

    private static RealtimeEvent Parse(string json, bool clientOnly)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new RealtimeProtocolException("invalid_json", $"The frame is not valid JSON: {ex.Message}", inner: ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RealtimeProtocolException("invalid_event", "An event must be a JSON object.");
            }

            var eventId = root.TryGetProperty("event_id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()
                : null;
            if (clientOnly && eventId is { Length: > MaxEventIdLength })
            {
                throw new RealtimeProtocolException("string_above_max_length",
                    $"Invalid 'event_id': string too long. Expected a string with maximum length {MaxEventIdLength}, but got a string with length {eventId.Length} instead.",
                    "event_id");
            }

            if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                throw new RealtimeProtocolException("invalid_event", "The event has no string 'type' field.", "type", eventId);
            }

            var type = typeElement.GetString()!;
            if (!TypeInfos.TryGetValue(type, out var typeInfo))
            {
                return new RawEvent(type, root.Clone()) { EventId = eventId };
            }

            if (clientOnly && !typeof(ClientEvent).IsAssignableFrom(typeInfo.Type))
            {
                throw new RealtimeProtocolException("invalid_value",
                    $"Invalid value: '{type}'. This is a server event; clients cannot send it.", "type", eventId);
            }

            try
            {
                var parsed = root.Deserialize(typeInfo) as RealtimeEvent
                    ?? throw new RealtimeProtocolException("invalid_event", $"'{type}' decoded to nothing.", null, eventId);
                return parsed;
            }
            catch (JsonException ex)
            {
                throw FromJsonException(ex, $"Invalid '{type}' event", null, eventId);
            }
        }
    }

    /// <summary>
    /// Turns a deserialization failure into the error OpenAI would send: <c>missing_required_parameter</c> naming the
    /// missing field, <c>invalid_type</c> for a value of the wrong JSON type, otherwise <c>invalid_value</c>.
    /// </summary>
    internal static RealtimeProtocolException FromJsonException(JsonException ex, string context, string? paramPrefix, string? eventId)
    {
        var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? null : ex.Path.TrimStart('$', '.');
        var message = ex.Message;
        var missingAt = message.IndexOf("missing required properties", StringComparison.OrdinalIgnoreCase);
        if (missingAt >= 0)
        {
            var names = message[missingAt..].Split('\'').Where((_, i) => i % 2 == 1).ToList();
            var missing = JoinParam(paramPrefix, JoinParam(path, names.FirstOrDefault()));
            return new RealtimeProtocolException("missing_required_parameter", $"Missing required parameter: '{missing}'.", missing, eventId, ex);
        }

        var param = JoinParam(paramPrefix, path);
        if (message.Contains("could not be converted", StringComparison.OrdinalIgnoreCase)
            || message.StartsWith("Expected a number", StringComparison.Ordinal))
        {
            return new RealtimeProtocolException("invalid_type", $"{context}: invalid type for '{param}'.", param, eventId, ex);
        }

        return new RealtimeProtocolException("invalid_value", $"{context}: {message}", param, eventId, ex);
    }

    private static string? JoinParam(string? prefix, string? name) =>
        string.IsNullOrEmpty(prefix) ? name : string.IsNullOrEmpty(name) ? prefix : $"{prefix}.{name}";
}
