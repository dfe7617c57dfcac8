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

    /// <summary>The generated contracts plus the nulls OpenAI's service writes (see <see cref="WireNulls"/>).</summary>
    private static readonly JsonSerializerOptions EventOptions = new(Context.Options)
    {
        TypeInfoResolver = Context.WithAddedModifier(WireNulls.Apply),
    };

    private static readonly FrozenDictionary<string, JsonTypeInfo> TypeInfos = new Dictionary<string, JsonTypeInfo>
    {
        [EventTypes.SessionUpdate] = Info<SessionUpdate>(),
        [EventTypes.InputAudioBufferAppend] = Info<InputAudioBufferAppend>(),
        [EventTypes.InputAudioBufferCommit] = Info<InputAudioBufferCommit>(),
        [EventTypes.InputAudioBufferClear] = Info<InputAudioBufferClear>(),
        [EventTypes.ConversationItemCreate] = Info<ConversationItemCreate>(),
        [EventTypes.ConversationItemDelete] = Info<ConversationItemDelete>(),
        [EventTypes.ConversationItemRetrieve] = Info<ConversationItemRetrieve>(),
        [EventTypes.ConversationItemTruncate] = Info<ConversationItemTruncate>(),
        [EventTypes.ResponseCreate] = Info<ResponseCreate>(),
        [EventTypes.ResponseCancel] = Info<ResponseCancel>(),
        [EventTypes.Error] = Info<ErrorEvent>(),
        [EventTypes.SessionCreated] = Info<SessionCreated>(),
        [EventTypes.SessionUpdated] = Info<SessionUpdated>(),
        [EventTypes.SpeechStarted] = Info<SpeechStarted>(),
        [EventTypes.SpeechStopped] = Info<SpeechStopped>(),
        [EventTypes.InputAudioBufferCommitted] = Info<InputAudioBufferCommitted>(),
        [EventTypes.InputAudioBufferCleared] = Info<InputAudioBufferCleared>(),
        [EventTypes.ConversationItemAdded] = Info<ConversationItemAdded>(),
        [EventTypes.ConversationItemDone] = Info<ConversationItemDone>(),
        [EventTypes.ConversationItemRetrieved] = Info<ConversationItemRetrieved>(),
        [EventTypes.ConversationItemTruncated] = Info<ConversationItemTruncated>(),
        [EventTypes.ConversationItemDeleted] = Info<ConversationItemDeleted>(),
        [EventTypes.InputAudioTranscriptionDelta] = Info<InputAudioTranscriptionDelta>(),
        [EventTypes.InputAudioTranscriptionCompleted] = Info<InputAudioTranscriptionCompleted>(),
        [EventTypes.InputAudioTranscriptionFailed] = Info<InputAudioTranscriptionFailed>(),
        [EventTypes.ResponseCreated] = Info<ResponseCreated>(),
        [EventTypes.ResponseDone] = Info<ResponseDone>(),
        [EventTypes.ResponseOutputItemAdded] = Info<ResponseOutputItemAdded>(),
        [EventTypes.ResponseOutputItemDone] = Info<ResponseOutputItemDone>(),
        [EventTypes.ResponseContentPartAdded] = Info<ResponseContentPartAdded>(),
        [EventTypes.ResponseContentPartDone] = Info<ResponseContentPartDone>(),
        [EventTypes.ResponseOutputAudioDelta] = Info<ResponseOutputAudioDelta>(),
        [EventTypes.ResponseOutputAudioDone] = Info<ResponseOutputAudioDone>(),
        [EventTypes.ResponseOutputAudioTranscriptDelta] = Info<ResponseOutputAudioTranscriptDelta>(),
        [EventTypes.ResponseOutputAudioTranscriptDone] = Info<ResponseOutputAudioTranscriptDone>(),
        [EventTypes.ResponseOutputTextDelta] = Info<ResponseOutputTextDelta>(),
        [EventTypes.ResponseOutputTextDone] = Info<ResponseOutputTextDone>(),
        [EventTypes.OutputAudioBufferClear] = Info<OutputAudioBufferClear>(),
        [EventTypes.ConversationCreated] = Info<ConversationCreated>(),
        [EventTypes.ConversationItemCreated] = Info<ConversationItemCreated>(),
        [EventTypes.InputAudioTranscriptionSegment] = Info<InputAudioTranscriptionSegment>(),
        [EventTypes.InputAudioBufferTimeoutTriggered] = Info<InputAudioBufferTimeoutTriggered>(),
        [EventTypes.InputAudioBufferDtmfEventReceived] = Info<InputAudioBufferDtmfEventReceived>(),
        [EventTypes.RateLimitsUpdated] = Info<RateLimitsUpdated>(),
        [EventTypes.ResponseFunctionCallArgumentsDelta] = Info<ResponseFunctionCallArgumentsDelta>(),
        [EventTypes.ResponseFunctionCallArgumentsDone] = Info<ResponseFunctionCallArgumentsDone>(),
        [EventTypes.OutputAudioBufferStarted] = Info<OutputAudioBufferStarted>(),
        [EventTypes.OutputAudioBufferStopped] = Info<OutputAudioBufferStopped>(),
        [EventTypes.OutputAudioBufferCleared] = Info<OutputAudioBufferCleared>(),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static JsonTypeInfo Info<T>() => EventOptions.GetTypeInfo(typeof(T));

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
