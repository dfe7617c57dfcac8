using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorVoice.Realtime.Protocol.Serialization;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.LocalServer.Sessions.Configuration;

/// <summary>
/// Checks the parameters of a <c>session.update</c> patch or a <c>response.create</c>'s <c>response</c> object for type
/// and range the way OpenAI's service does, before anything is applied: the first invalid one throws a
/// <see cref="RealtimeProtocolException"/> whose <c>param</c> is its full path (e.g.
/// <c>session.audio.input.turn_detection.threshold</c>) and whose code and message follow OpenAI's
/// (<c>invalid_type</c>, <c>invalid_value</c>, <c>decimal_above_max_value</c>, <c>integer_below_min_value</c>, ...).
/// A JSON null is accepted everywhere: in a merge patch it clears the field back to the server's default, and some
/// clients send nulls for fields they leave unset.
/// </summary>
public static partial class ParameterValidator
{
    /// <summary>The built-in voices of the 2026 spec (<c>VoiceIdsShared</c>).</summary>
    public static readonly IReadOnlyList<string> Voices = ["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"];

    /// <summary>The transcription models of the 2026 spec (<c>AudioTranscription.model</c>).</summary>
    public static readonly IReadOnlyList<string> TranscriptionModels =
    [
        "whisper-1", "gpt-transcribe", "gpt-live-transcribe", "gpt-4o-mini-transcribe", "gpt-4o-mini-transcribe-2025-12-15",
        "gpt-4o-transcribe", "gpt-4o-transcribe-diarize", "gpt-realtime-whisper",
    ];

    private static readonly string[] Modalities = ["text", "audio"];
    private static readonly string[] AudioFormatTypes = [AudioFormat.Pcm, AudioFormat.Pcmu, AudioFormat.Pcma];
    private static readonly string[] TurnDetectionTypes = [TurnDetection.ServerVad, TurnDetection.SemanticVad];
    private static readonly string[] Eagerness = ["low", "medium", "high", "auto"];
    private static readonly string[] NoiseReductionTypes = ["near_field", "far_field"];
    private static readonly string[] TranscriptionDelays = ["minimal", "low", "medium", "high", "xhigh"];
    private static readonly string[] ToolChoiceModes = ["none", "auto", "required"];
    private static readonly string[] ToolTypes = ["function", "mcp"];
    private static readonly string[] Includes = ["item.input_audio_transcription.logprobs"];
    private static readonly string[] Truncations = ["auto", "disabled"];
    private static readonly string[] ReasoningEfforts = ["minimal", "low", "medium", "high", "xhigh"];

    /// <summary>
    /// Validates the <c>session</c> object of a <c>session.update</c>. <paramref name="serverVoice"/> is the local
    /// voice the server announces in <c>session.created</c>, accepted besides OpenAI's names.
    /// </summary>
    public static void ValidateSession(JsonObject session, string serverVoice)
    {
        ArgumentNullException.ThrowIfNull(session);
        const string p = "session";
        if (session.ContainsKey("temperature"))
        {
            // Beta sessions had a temperature; GA has none and refuses it (beta clients' frames are translated first).
            throw new RealtimeProtocolException("unknown_parameter", "Unknown parameter: 'session.temperature'.", "session.temperature");
        }

        String(session, "model", p);
        String(session, "instructions", p);
        OutputModalities(session, p);
        if (Object(session, "audio", p) is { } audio)
        {
            if (Object(audio, "input", $"{p}.audio") is { } input)
            {
                var inputPath = $"{p}.audio.input";
                AudioFormatOf(input, inputPath);
                if (Object(input, "transcription", inputPath) is { } transcription)
                {
                    var path = $"{inputPath}.transcription";
                    Enum(transcription, "model", path, TranscriptionModels);
                    String(transcription, "language", path);
                    String(transcription, "prompt", path);
                    Enum(transcription, "delay", path, TranscriptionDelays);
                    StringArray(transcription, "languages", path, minItems: 1);
                    StringArray(transcription, "keywords", path, minItems: 0);
                }

                if (Object(input, "noise_reduction", inputPath) is { } noiseReduction)
                {
                    Enum(noiseReduction, "type", $"{inputPath}.noise_reduction", NoiseReductionTypes);
                }

                if (Object(input, "turn_detection", inputPath) is { } turnDetection)
                {
                    TurnDetectionOf(turnDetection, $"{inputPath}.turn_detection");
                }
            }

            OutputAudio(audio, $"{p}.audio", serverVoice, withSpeed: true);
        }

        Tools(session, p);
        ToolChoice(session, p);
        MaxOutputTokens(session, p);
        Boolean(session, "parallel_tool_calls", p);
        if (Has(session, "include", out var include))
        {
            var items = Array(include, $"{p}.include");
            for (var i = 0; i < items.Count; i++)
            {
                EnumValue(items[i], $"{p}.include[{i}]", Includes);
            }
        }

        Truncation(session, p);
        Tracing(session, p);
        Reasoning(session, p);
    }

    /// <summary>
    /// Checks a raw client frame before it is decoded into typed events, so a bad value is named by its full path
    /// rather than by whatever the decoder stumbles on first. Only <c>session.update</c> and <c>response.create</c>
    /// frames are parsed here; others (audio appends above all) cost one substring scan. The exception carries the
    /// client's <c>event_id</c>.
    /// </summary>
    public static void ValidateFrame(string frame, string serverVoice)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!frame.Contains("\"session.update\"", StringComparison.Ordinal) && !frame.Contains("\"response.create\"", StringComparison.Ordinal))
        {
            return;
        }

        JsonObject root;
        try
        {
            if (JsonNode.Parse(frame) is not JsonObject parsed)
            {
                return;
            }

            root = parsed;
        }
        catch (JsonException)
        {
            // The decoder reports malformed JSON with its own error.
            return;
        }

        var eventId = root["event_id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String ? id.GetValue<string>() : null;
        var type = root["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        try
        {
            if (type == "session.update" && root["session"] is JsonObject session)
            {
                ValidateSession(session, serverVoice);
            }
            else if (type == "response.create" && root["response"] is JsonObject response)
            {
                ValidateResponse(response, serverVoice);
            }
        }
        catch (RealtimeProtocolException ex) when (eventId is not null)
        {
            throw new RealtimeProtocolException(ex.Code, ex.Message, ex.Param, eventId, ex);
        }
    }

    /// <summary>Validates the <c>response</c> object of a <c>response.create</c> (null: no parameters, valid).</summary>
    public static void ValidateResponse(JsonObject? response, string serverVoice)
    {
        if (response is null)
        {
            return;
        }

        const string p = "response";
        String(response, "instructions", p);
        OutputModalities(response, p);
        if (Object(response, "audio", p) is { } audio)
        {
            OutputAudio(audio, $"{p}.audio", serverVoice, withSpeed: false);
        }

        Tools(response, p);
        ToolChoice(response, p);
        MaxOutputTokens(response, p);
        Boolean(response, "parallel_tool_calls", p);
        if (Has(response, "conversation", out var conversation))
        {
            EnumValue(conversation, $"{p}.conversation", ["auto", "none"]);
        }

        if (Object(response, "metadata", p) is { } metadata)
        {
            if (metadata.Count > 16)
            {
                throw new RealtimeProtocolException("object_above_max_properties",
                    $"Invalid '{p}.metadata': too many properties. Expected an object with at most 16 properties, but got an object with {metadata.Count} properties instead.", $"{p}.metadata");
            }

            foreach (var (key, value) in metadata)
            {
                StringValue(value, $"{p}.metadata.{key}", maxLength: 512);
            }
        }

        if (Has(response, "input", out var input))
        {
            Array(input, $"{p}.input");
        }

        Reasoning(response, p);
    }

    private static void TurnDetectionOf(JsonObject turnDetection, string path)
    {
        // The spec requires the type in every turn_detection object, so a patch never inherits a stale one.
        var type = Enum(turnDetection, "type", path, TurnDetectionTypes) ?? throw Missing($"{path}.type");
        Boolean(turnDetection, "create_response", path);
        Boolean(turnDetection, "interrupt_response", path);
        if (type == TurnDetection.SemanticVad)
        {
            Enum(turnDetection, "eagerness", path, Eagerness);
            return;
        }

        Number(turnDetection, "threshold", path, 0, 1);
        Integer(turnDetection, "prefix_padding_ms", path, 0, null);
        Integer(turnDetection, "silence_duration_ms", path, 0, null);
        Integer(turnDetection, "idle_timeout_ms", path, 5000, 30000);
    }

    private static void OutputAudio(JsonObject audio, string audioPath, string serverVoice, bool withSpeed)
    {
        if (Object(audio, "output", audioPath) is not { } output)
        {
            return;
        }

        var path = $"{audioPath}.output";
        AudioFormatOf(output, path);
        if (Has(output, "voice", out var voice))
        {
            Voice(voice, $"{path}.voice", serverVoice);
        }

        if (withSpeed)
        {
            Number(output, "speed", path, 0.25, 1.5);
        }
    }

    /// <summary>audio/pcm at 24 kHz, audio/pcmu or audio/pcma; the param is the format object (its type and rate only mean something together).</summary>
    private static void AudioFormatOf(JsonObject parent, string parentPath)
    {
        if (Object(parent, "format", parentPath) is not { } format)
        {
            return;
        }

        var path = $"{parentPath}.format";
        var type = Has(format, "type", out var typeNode) ? EnumValue(typeNode, path, AudioFormatTypes) : null;
        if (Has(format, "rate", out var rate))
        {
            var value = IntegerValue(rate, $"{path}.rate");
            if ((type ?? AudioFormat.Pcm) == AudioFormat.Pcm && value != WireAudio.SampleRate)
            {
                throw new RealtimeProtocolException("invalid_value",
                    $"Unsupported audio format 'audio/pcm' (rate {value}): use audio/pcm at {WireAudio.SampleRate} Hz, audio/pcmu or audio/pcma.", path);
            }
        }
    }

    private static void Voice(JsonNode voice, string path, string serverVoice)
    {
        if (voice is JsonObject)
        {
            // OpenAI refuses a custom voice id the account does not own; this server owns none.
            throw new RealtimeProtocolException("invalid_value", "Custom voices ({\"id\": ...}) are not available on this server; use a built-in voice name.", path);
        }

        var name = StringValue(voice, path);
        if (!Voices.Contains(name) && !string.Equals(name, serverVoice, StringComparison.Ordinal))
        {
            throw InvalidValue(name, path, [.. Voices, serverVoice]);
        }
    }

    private static void OutputModalities(JsonObject parent, string parentPath)
    {
        if (!Has(parent, "output_modalities", out var node))
        {
            return;
        }

        var path = $"{parentPath}.output_modalities";
        var items = Array(node, path);
        foreach (var item in items)
        {
            // Named as the array, as the server always has: the pair is what is wrong, not one position.
            EnumValue(item, path, Modalities);
        }

        if (items.Count != 1)
        {
            throw new RealtimeProtocolException("invalid_value", "output_modalities must be [\"audio\"] or [\"text\"].", path);
        }
    }

    private static void Tools(JsonObject parent, string parentPath)
    {
        if (!Has(parent, "tools", out var node))
        {
            return;
        }

        var items = Array(node, $"{parentPath}.tools");
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{parentPath}.tools[{i}]";
            var tool = items[i] as JsonObject ?? throw InvalidType(path, "an object", items[i]);
            if (!Has(tool, "type", out _))
            {
                throw Missing($"{path}.type");
            }

            var type = Enum(tool, "type", path, ToolTypes);
            if (type == "mcp")
            {
                RequiredString(tool, "server_label", path);
                String(tool, "server_url", path);
                continue;
            }

            var name = RequiredString(tool, "name", path);
            if (!FunctionName().IsMatch(name))
            {
                throw new RealtimeProtocolException("invalid_value",
                    $"Invalid '{path}.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.", $"{path}.name");
            }

            if (Has(tool, "description", out var description))
            {
                StringValue(description, $"{path}.description", maxLength: 1024);
            }

            Object(tool, "parameters", path);
        }
    }

    private static void ToolChoice(JsonObject parent, string parentPath)
    {
        if (!Has(parent, "tool_choice", out var node))
        {
            return;
        }

        var path = $"{parentPath}.tool_choice";
        if (node is JsonObject forced)
        {
            var type = Enum(forced, "type", path, ToolTypes) ?? throw Missing($"{path}.type");
            if (type == "function")
            {
                RequiredString(forced, "name", path);
            }
            else
            {
                RequiredString(forced, "server_label", path);
                String(forced, "name", path);
            }

            return;
        }

        EnumValue(node, path, ToolChoiceModes);
    }

    private static void MaxOutputTokens(JsonObject parent, string parentPath)
    {
        if (!Has(parent, "max_output_tokens", out var node))
        {
            return;
        }

        var path = $"{parentPath}.max_output_tokens";
        if (Kind(node) == JsonValueKind.String)
        {
            EnumValue(node, path, ["inf"]);
            return;
        }

        CheckRange(IntegerValue(node, path), path, 1, 4096, "integer");
    }

    private static void Truncation(JsonObject session, string parentPath)
    {
        if (!Has(session, "truncation", out var node))
        {
            return;
        }

        var path = $"{parentPath}.truncation";
        if (node is JsonObject ratio)
        {
            Enum(ratio, "type", path, ["retention_ratio"]);
            if (!Has(ratio, "retention_ratio", out _))
            {
                throw Missing($"{path}.retention_ratio");
            }

            Number(ratio, "retention_ratio", path, 0, 1);
            if (Object(ratio, "token_limits", path) is { } limits)
            {
                Integer(limits, "post_instructions", $"{path}.token_limits", 0, null);
            }

            return;
        }

        EnumValue(node, path, Truncations);
    }

    private static void Tracing(JsonObject session, string parentPath)
    {
        if (!Has(session, "tracing", out var node) || node is JsonObject)
        {
            return;
        }

        EnumValue(node, $"{parentPath}.tracing", ["auto"]);
    }

    private static void Reasoning(JsonObject parent, string parentPath)
    {
        if (Object(parent, "reasoning", parentPath) is { } reasoning)
        {
            Enum(reasoning, "effort", $"{parentPath}.reasoning", ReasoningEfforts);
        }
    }

    // Primitive checks. Each returns the value when present and not null.

    /// <summary>True when <paramref name="key"/> is present with a non-null value.</summary>
    private static bool Has(JsonObject parent, string key, out JsonNode value)
    {
        if (parent.TryGetPropertyValue(key, out var node) && node is not null)
        {
            value = node;
            return true;
        }

        value = null!;
        return false;
    }

    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind();

    private static JsonObject? Object(JsonObject parent, string key, string parentPath) =>
        !Has(parent, key, out var node) ? null : node as JsonObject ?? throw InvalidType($"{parentPath}.{key}", "an object", node);

    private static JsonArray Array(JsonNode node, string path) => node as JsonArray ?? throw InvalidType(path, "an array", node);

    private static string? String(JsonObject parent, string key, string parentPath) =>
        Has(parent, key, out var node) ? StringValue(node, $"{parentPath}.{key}") : null;

    private static string RequiredString(JsonObject parent, string key, string parentPath) =>
        Has(parent, key, out var node) ? StringValue(node, $"{parentPath}.{key}") : throw Missing($"{parentPath}.{key}");

    private static string StringValue(JsonNode? node, string path, int? maxLength = null)
    {
        if (node is null || Kind(node) != JsonValueKind.String)
        {
            throw InvalidType(path, "a string", node);
        }

        var value = node.GetValue<string>();
        if (maxLength is { } max && value.Length > max)
        {
            throw new RealtimeProtocolException("string_above_max_length",
                $"Invalid '{path}': string too long. Expected a string with maximum length {max}, but got a string with length {value.Length} instead.", path);
        }

        return value;
    }

    private static void StringArray(JsonObject parent, string key, string parentPath, int minItems)
    {
        if (!Has(parent, key, out var node))
        {
            return;
        }

        var path = $"{parentPath}.{key}";
        var items = Array(node, path);
        if (items.Count < minItems)
        {
            throw new RealtimeProtocolException("array_below_min_items",
                $"Invalid '{path}': empty array. Expected an array with minimum length {minItems}, but got an empty array instead.", path);
        }

        for (var i = 0; i < items.Count; i++)
        {
            StringValue(items[i], $"{path}[{i}]");
        }
    }

    private static string? Enum(JsonObject parent, string key, string parentPath, IReadOnlyList<string> allowed) =>
        Has(parent, key, out var node) ? EnumValue(node, $"{parentPath}.{key}", allowed) : null;

    private static string EnumValue(JsonNode? node, string path, IReadOnlyList<string> allowed)
    {
        var value = StringValue(node, path);
        return allowed.Contains(value) ? value : throw InvalidValue(value, path, allowed);
    }

    private static void Boolean(JsonObject parent, string key, string parentPath)
    {
        if (Has(parent, key, out var node) && Kind(node) is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw InvalidType($"{parentPath}.{key}", "a boolean", node);
        }
    }

    private static void Number(JsonObject parent, string key, string parentPath, double min, double max)
    {
        if (!Has(parent, key, out var node))
        {
            return;
        }

        var path = $"{parentPath}.{key}";
        if (Kind(node) != JsonValueKind.Number)
        {
            throw InvalidType(path, "a decimal", node);
        }

        CheckRange(node.GetValue<double>(), path, min, max, "decimal");
    }

    private static void Integer(JsonObject parent, string key, string parentPath, long min, long? max)
    {
        if (Has(parent, key, out var node))
        {
            var path = $"{parentPath}.{key}";
            CheckRange(IntegerValue(node, path), path, min, max ?? double.PositiveInfinity, "integer");
        }
    }

    private static double IntegerValue(JsonNode node, string path)
    {
        // 300.0 is an integer to JSON Schema (and to clients that serialise every number as a double); 300.5 is not.
        if (Kind(node) != JsonValueKind.Number || node.GetValue<double>() is var value && Math.Floor(value) != value)
        {
            throw InvalidType(path, "an integer", node);
        }

        return node.GetValue<double>();
    }

    private static void CheckRange(double value, string path, double min, double max, string kind)
    {
        var shown = value.ToString(CultureInfo.InvariantCulture);
        if (value < min)
        {
            throw new RealtimeProtocolException($"{kind}_below_min_value",
                $"Invalid '{path}': {kind} below minimum value. Expected a value >= {min.ToString(CultureInfo.InvariantCulture)}, but got {shown} instead.", path);
        }

        if (value > max)
        {
            throw new RealtimeProtocolException($"{kind}_above_max_value",
                $"Invalid '{path}': {kind} above maximum value. Expected a value <= {max.ToString(CultureInfo.InvariantCulture)}, but got {shown} instead.", path);
        }
    }

    private static RealtimeProtocolException InvalidType(string path, string expected, JsonNode? got)
    {
        var actual = got is null ? "null" : Kind(got) switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "null",
        };
        return new RealtimeProtocolException("invalid_type", $"Invalid type for '{path}': expected {expected}, but got {actual} instead.", path);
    }

    private static RealtimeProtocolException InvalidValue(string value, string path, IEnumerable<string> allowed) =>
        new("invalid_value", $"Invalid value: '{value}'. Supported values are: {string.Join(", ", allowed.Select(a => $"'{a}'"))}.", path);

    private static RealtimeProtocolException Missing(string path) =>
        new("missing_required_parameter", $"Missing required parameter: '{path}'.", path);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();
}
