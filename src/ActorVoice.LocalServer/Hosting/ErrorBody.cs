using System.Text.Json.Serialization;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>The JSON body of an HTTP error (e.g. 401), shaped like OpenAI's.</summary>
public sealed record ErrorBody([property: JsonPropertyName("error")] ErrorDetail Error);

public sealed record ErrorDetail(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("code")] string Code);

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorBodyContext : JsonSerializerContext;
