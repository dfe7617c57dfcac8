using System.Text.Json;

namespace ActorVoice.Realtime.Protocol.Tools;

/// <summary>
/// The <c>search_knowledge</c> function tool: offered to the realtime model by the engine in tool mode, and emulated
/// by the local realtime server (which has no model and calls it for every user turn).
/// </summary>
public static class KnowledgeTool
{
    public const string Name = "search_knowledge";

    /// <summary>The one required string parameter: the user's question.</summary>
    public const string QueryParameter = "query";

    /// <summary>The session's <c>tools</c> array holding this one function.</summary>
    public static JsonElement ToolsJson { get; } = JsonDocument.Parse($$$"""
        [{"type":"function","name":"{{{Name}}}",
          "description":"Search the organisation's documents for the answer to the user's question. Returns a short answer and the passages it is based on.",
          "parameters":{"type":"object","properties":{"{{{QueryParameter}}}":{"type":"string","description":"The user's question."}},"required":["{{{QueryParameter}}}"]}}]
        """).RootElement.Clone();
}
