using System.Text.Json;

namespace ActorVoice.Engine.Turns;

/// <summary>The <c>search_knowledge</c> function tool offered to the realtime model in tool mode.</summary>
public static class SearchKnowledgeTool
{
    public const string Name = "search_knowledge";

    /// <summary>The session's <c>tools</c> array holding this one function.</summary>
    public static JsonElement ToolsJson { get; } = JsonDocument.Parse("""
        [{"type":"function","name":"search_knowledge",
          "description":"Search the organisation's documents for the answer to the user's question. Returns a short answer and the passages it is based on.",
          "parameters":{"type":"object","properties":{"query":{"type":"string","description":"The user's question."}},"required":["query"]}}]
        """).RootElement.Clone();
}
