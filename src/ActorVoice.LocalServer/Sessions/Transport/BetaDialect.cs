using System.Text.Json;
using System.Text.Json.Nodes;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.LocalServer.Sessions.Transport;

/// <summary>
/// Translation for clients of the retired beta dialect (<c>OpenAI-Beta: realtime=v1</c>): their flat session
/// objects become GA ones on the way in, and GA event names become beta names on the way out.
/// </summary>
public static class BetaDialect
{
    private static readonly Dictionary<string, string> OutgoingNames = new(StringComparer.Ordinal)
    {
        ["response.output_audio.delta"] = "response.audio.delta",
        ["response.output_audio.done"] = "response.audio.done",
        ["response.output_audio_transcript.delta"] = "response.audio_transcript.delta",
        ["response.output_audio_transcript.done"] = "response.audio_transcript.done",
        ["response.output_text.delta"] = "response.text.delta",
        ["response.output_text.done"] = "response.text.done",
        ["conversation.item.added"] = "conversation.item.created",
    };

    /// <summary>Beta session fields that move, unchanged, into GA's <c>audio.input</c> under another name.</summary>
    private static readonly Dictionary<string, string> InputFields = new(StringComparer.Ordinal)
    {
        ["input_audio_transcription"] = "transcription",
        ["turn_detection"] = "turn_detection",
        ["input_audio_noise_reduction"] = "noise_reduction",
    };

    /// <summary>The beta name of a GA server event type, or the type itself when unchanged.</summary>
    public static string OutgoingName(string gaType) => OutgoingNames.GetValueOrDefault(gaType, gaType);

    /// <summary>GA events with no beta counterpart; beta clients never saw them.</summary>
    public static bool IsGaOnly(string gaType) => gaType == "conversation.item.done";

    /// <summary>Rewrites the <c>type</c> of a serialized server event for a beta client.</summary>
    public static string RenameOutgoing(string json, string gaType)
    {
        var beta = OutgoingName(gaType);
        return ReferenceEquals(beta, gaType) || beta == gaType
            ? json
            : json.Replace($"\"type\":\"{gaType}\"", $"\"type\":\"{beta}\"", StringComparison.Ordinal);
    }

    /// <summary>
    /// A client frame with its beta <c>session.update</c> session or <c>response.create</c> response rewritten as GA,
    /// before it is parsed; other frames (and frames that are not JSON, which the parser reports) pass unchanged.
    /// </summary>
    public static string ClientFrameToGa(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("\"session.update\"", StringComparison.Ordinal) && !text.Contains("\"response.create\"", StringComparison.Ordinal))
        {
            return text;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonObject root)
            {
                return text;
            }

            var type = root["type"]?.GetValueKind() == JsonValueKind.String ? root["type"]!.GetValue<string>() : null;
            if (type == EventTypes.SessionUpdate && root["session"] is JsonObject session && session["type"] is null)
            {
                root["session"] = SessionToGa(session);
            }
            else if (type == EventTypes.ResponseCreate && root["response"] is JsonObject response)
            {
                root["response"] = ResponseToGa(response);
            }
            else
            {
                return text;
            }

            return root.ToJsonString();
        }
        catch (JsonException)
        {
            // The parser reports it.
            return text;
        }
    }

    /// <summary>A flat beta session object as a GA session patch (<c>type: realtime</c>, nested <c>audio</c>).</summary>
    public static JsonObject SessionToGa(JsonObject beta)
    {
        ArgumentNullException.ThrowIfNull(beta);
        var ga = new JsonObject { ["type"] = "realtime" };
        var input = new JsonObject();
        var output = new JsonObject();
        foreach (var (key, value) in beta)
        {
            switch (key)
            {
                case "modalities" when value is JsonArray modalities:
                    ga["output_modalities"] = new JsonArray(modalities.Any(m => m?.GetValue<string>() == "audio") ? "audio" : "text");
                    break;
                case "voice":
                case "speed":
                    output[key] = value?.DeepClone();
                    break;
                case "input_audio_format":
                    input["format"] = Format(value);
                    break;
                case "output_audio_format":
                    output["format"] = Format(value);
                    break;
                case var field when InputFields.TryGetValue(field, out var gaField):
                    input[gaField] = value?.DeepClone();
                    break;
                case "max_response_output_tokens":
                    ga["max_output_tokens"] = value?.DeepClone();
                    break;
                case "temperature":
                case "type":
                case "object":
                case "id":
                    // GA has no temperature; the rest are server-owned.
                    break;
                default:
                    ga[key] = value?.DeepClone();
                    break;
            }
        }

        if (input.Count > 0 || output.Count > 0)
        {
            var audio = new JsonObject();
            if (input.Count > 0)
            {
                audio["input"] = input;
            }

            if (output.Count > 0)
            {
                audio["output"] = output;
            }

            ga["audio"] = audio;
        }

        return ga;
    }

    /// <summary>A beta <c>response</c> of response.create with GA field names.</summary>
    public static JsonObject ResponseToGa(JsonObject beta)
    {
        ArgumentNullException.ThrowIfNull(beta);
        var ga = (JsonObject)beta.DeepClone();
        if (ga["modalities"] is JsonArray modalities)
        {
            ga.Remove("modalities");
            ga["output_modalities"] = new JsonArray(modalities.Any(m => m?.GetValue<string>() == "audio") ? "audio" : "text");
        }

        ga.Remove("voice");
        ga.Remove("output_audio_format");
        ga.Remove("temperature");
        if (ga["max_response_output_tokens"] is { } max)
        {
            ga.Remove("max_response_output_tokens");
            ga["max_output_tokens"] = max.DeepClone();
        }

        return ga;
    }

    private static JsonObject? Format(JsonNode? beta) => beta?.GetValue<string>() switch
    {
        null => null,
        "g711_ulaw" => new JsonObject { ["type"] = "audio/pcmu" },
        "g711_alaw" => new JsonObject { ["type"] = "audio/pcma" },
        "pcm16" => new JsonObject { ["type"] = "audio/pcm", ["rate"] = WireAudio.SampleRate },
        var other => new JsonObject { ["type"] = other },
    };
}
