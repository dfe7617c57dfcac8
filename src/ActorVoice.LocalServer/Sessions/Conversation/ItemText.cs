using System.Text.Json;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.LocalServer.Sessions.Conversation;

/// <summary>
/// The text a conversation item gives the server to speak. The local server has no language model: a response speaks
/// the newest text the client put into the conversation (the engine injects its answer that way).
/// </summary>
public static class ItemText
{
    /// <summary>The item's first non-blank text or transcript; for a tool's output, <see cref="OfToolOutput"/>.</summary>
    public static string? Of(ConversationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Type == ConversationItem.FunctionCallOutput
            ? OfToolOutput(item.Output)
            : item.Content?.Select(c => c.Text ?? c.Transcript).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
    }

    /// <summary>The text of the last input item of a <c>response.create</c> that has any.</summary>
    public static string? LastOf(IEnumerable<ConversationItem>? items) =>
        items?.Select(Of).LastOrDefault(t => !string.IsNullOrWhiteSpace(t));

    /// <summary>
    /// What to speak for a tool's output: its string <c>answer</c> field, else the <c>text</c> of its first
    /// <c>passages</c> entry, else the raw output (also when it is not JSON at all).
    /// </summary>
    public static string? OfToolOutput(string? output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return output;
        }

        try
        {
            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return output;
            }

            if (root.TryGetProperty("answer", out var answer) && answer.ValueKind == JsonValueKind.String)
            {
                return answer.GetString();
            }

            if (root.TryGetProperty("passages", out var passages) && passages.ValueKind == JsonValueKind.Array
                && passages.GetArrayLength() > 0 && passages[0] is { ValueKind: JsonValueKind.Object } first
                && first.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: speak it as it is.
        }

        return output;
    }
}
