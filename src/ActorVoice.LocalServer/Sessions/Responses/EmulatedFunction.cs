using System.Text.Json;
using ActorVoice.Realtime.Protocol.Tools;

namespace ActorVoice.LocalServer.Sessions.Responses;

/// <summary>
/// A declared function tool the server can call without a model: its one argument is the user's transcript, so the
/// function must take exactly one required parameter, of type string (<c>search_knowledge</c>'s <c>query</c>, an
/// agent's <c>question</c>, ...).
/// </summary>
internal sealed record EmulatedFunction(string Name, string Parameter)
{
    /// <summary>
    /// The first fillable function of a <c>tools</c> array (the one named <paramref name="forcedName"/>, when a tool
    /// choice forces one), or null when none is.
    /// </summary>
    public static EmulatedFunction? FirstIn(JsonElement? tools, string? forcedName)
    {
        if (tools is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        return array.EnumerateArray()
            .Select(From)
            .FirstOrDefault(f => f is not null && (forcedName is null || f.Name == forcedName));
    }

    private static EmulatedFunction? From(JsonElement tool)
    {
        if (tool.ValueKind != JsonValueKind.Object
            || !tool.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "function"
            || !tool.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || nameElement.GetString() is not { Length: > 0 } name)
        {
            return null;
        }

        if (OneRequiredString(tool) is { } parameter)
        {
            return new EmulatedFunction(name, parameter);
        }

        // The engine's own tool, even if a client declared it with a looser schema.
        return name == KnowledgeTool.Name ? new EmulatedFunction(name, KnowledgeTool.QueryParameter) : null;
    }

    private static string? OneRequiredString(JsonElement tool)
    {
        if (!tool.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array
            || required.GetArrayLength() != 1 || required[0].ValueKind != JsonValueKind.String
            || !parameters.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var name = required[0].GetString()!;
        return properties.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Object
            && property.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "string"
            ? name
            : null;
    }
}
