using System.Text.Json;

namespace ActorVoice.Protocol.Tests.Server.Sequences;

/// <summary>
/// What OpenAI's service sends, per server event type: the keys every event of that type carries (some of them
/// <c>null</c>, e.g. <c>previous_item_id</c> of the first item), and the keys of the items and content parts inside
/// (an audio content part always has <c>transcript</c>, null until known). From ../shared/reference/realtime-protocol.md
/// §3.2, §3.3 and §3.5 and the service's recorded events; stricter than the schemas, which leave most fields optional.
/// </summary>
public static class DocumentedEventShapes
{
    private static readonly string[] Indexes = ["response_id", "item_id", "output_index", "content_index"];

    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["input_audio_buffer.speech_started"] = ["audio_start_ms", "item_id"],
        ["input_audio_buffer.speech_stopped"] = ["audio_end_ms", "item_id"],
        ["input_audio_buffer.committed"] = ["item_id", "previous_item_id"],
        ["conversation.item.added"] = ["previous_item_id", "item"],
        ["conversation.item.done"] = ["previous_item_id", "item"],
        ["conversation.item.retrieved"] = ["item"],
        ["conversation.item.truncated"] = ["item_id", "content_index", "audio_end_ms"],
        ["conversation.item.input_audio_transcription.delta"] = ["item_id", "content_index", "delta"],
        ["conversation.item.input_audio_transcription.completed"] = ["item_id", "content_index", "transcript", "usage"],
        ["response.created"] = ["response"],
        ["response.done"] = ["response"],
        ["response.output_item.added"] = ["response_id", "output_index", "item"],
        ["response.output_item.done"] = ["response_id", "output_index", "item"],
        ["response.content_part.added"] = [.. Indexes, "part"],
        ["response.content_part.done"] = [.. Indexes, "part"],
        ["response.output_audio.delta"] = [.. Indexes, "delta"],
        ["response.output_audio.done"] = Indexes,
        ["response.output_audio_transcript.delta"] = [.. Indexes, "delta"],
        ["response.output_audio_transcript.done"] = [.. Indexes, "transcript"],
        ["response.output_text.delta"] = [.. Indexes, "delta"],
        ["response.output_text.done"] = [.. Indexes, "text"],
        ["response.function_call_arguments.delta"] = ["response_id", "item_id", "output_index", "call_id", "delta"],
        ["response.function_call_arguments.done"] = ["response_id", "item_id", "output_index", "call_id", "name", "arguments"],
    };

    // status_details (null while in progress or completed on the service) is left out: the schema types it as an object.
    private static readonly string[] ResponseFields = ["id", "object", "status", "output", "conversation_id", "output_modalities", "usage"];

    /// <summary>Every missing key of one server event, its item and content parts, as "type: path" lines.</summary>
    public static IEnumerable<string> Violations(JsonElement serverEvent)
    {
        var type = serverEvent.GetProperty("type").GetString()!;
        var missing = new List<string>();
        Expect(serverEvent, ["type", "event_id", .. Required.GetValueOrDefault(type, [])], string.Empty, missing);
        if (serverEvent.TryGetProperty("item", out var item) && item.ValueKind == JsonValueKind.Object)
        {
            ItemViolations(item, "item.", missing);
        }

        if (serverEvent.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
        {
            // response.created has no usage yet on the service; response.done always has it.
            Expect(response, type == "response.done" ? ResponseFields : ResponseFields[..^1], "response.", missing);
            foreach (var output in response.TryGetProperty("output", out var items) ? items.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                ItemViolations(output, "response.output[].", missing);
            }
        }

        return missing.Select(m => $"{type}: {m}");
    }

    private static void ItemViolations(JsonElement item, string path, List<string> missing)
    {
        var kind = item.GetProperty("type").GetString();
        string[] fields = kind switch
        {
            "message" => ["id", "object", "type", "status", "role", "content"],
            "function_call" => ["id", "object", "type", "status", "call_id", "name", "arguments"],
            "function_call_output" => ["id", "object", "type", "call_id", "output"],
            _ => ["id", "type"],
        };
        Expect(item, fields, path, missing);
        if (kind != "message" || !item.TryGetProperty("content", out var content))
        {
            return;
        }

        foreach (var part in content.EnumerateArray())
        {
            string[] partFields = part.GetProperty("type").GetString() switch
            {
                "input_audio" or "output_audio" => ["type", "transcript"],
                "input_text" or "output_text" => ["type", "text"],
                _ => ["type"],
            };
            Expect(part, partFields, path + "content[].", missing);
        }
    }

    private static void Expect(JsonElement element, IEnumerable<string> keys, string path, List<string> missing) =>
        missing.AddRange(keys.Where(k => !element.TryGetProperty(k, out _)).Select(k => path + k));
}
