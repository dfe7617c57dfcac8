using System.Text.Json;
using ActorVoice.LocalServer.Sessions.Conversation;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Realtime.Protocol.Tools;

namespace ActorVoice.LocalServer.Sessions.Responses;

/// <summary>
/// Function-calling emulation for one tool, so that the engine's tool mode can run offline. The server has no model,
/// so "the model decides to look things up" is a fixed rule: when the session declares the
/// <see cref="KnowledgeTool.Name"/> function and a response is asked for right after a user audio turn (nothing
/// injected by the client since), the response is a function call whose <c>query</c> is that turn's transcript. The
/// client's <c>function_call_output</c> is then spoken by the next response (see <see cref="ItemText.OfToolOutput"/>).
/// </summary>
internal static class FunctionCallEmulation
{
    /// <summary>Whether this response should be a function call; the caller holds the session's gate.</summary>
    public static bool ShouldCall(ResponseCreateParams? parameters, SessionConfig session, ConversationStore conversation)
    {
        if (conversation.UserAudioAwaitingAnswer is null || parameters?.Conversation == "none" || parameters?.Input is { Count: > 0 })
        {
            return false;
        }

        var choice = parameters?.ToolChoice ?? session.ToolChoice;
        if (choice is { ValueKind: JsonValueKind.String } c && c.GetString() == "none")
        {
            return false;
        }

        return DeclaresTool(parameters?.Tools) || DeclaresTool(session.Tools);
    }

    /// <summary>
    /// Builds the function call for the pending user turn and adds it, completed, to the conversation; the caller holds
    /// the session's gate. The query is the turn's transcript, or "" when transcription has not finished yet (manual
    /// commits decode in the background) or is off.
    /// </summary>
    public static ConversationItem BeginCall(ConversationStore conversation)
    {
        var userItem = conversation.TakeUserAudioAwaitingAnswer();
        var query = userItem?.Content?.Select(c => c.Transcript).FirstOrDefault(t => t is not null) ?? string.Empty;
        var call = new ConversationItem(ConversationItem.FunctionCall)
        {
            Id = IdGenerator.Next("item"),
            Object = "realtime.item",
            Status = "in_progress",
            CallId = IdGenerator.Next("call"),
            Name = KnowledgeTool.Name,
            Arguments = JsonSerializer.Serialize(new Dictionary<string, string> { [KnowledgeTool.QueryParameter] = query }),
        };
        conversation.AddFunctionCall(call with { Status = "completed" });
        return call;
    }

    /// <summary>
    /// The whole function-call response at once: nothing is synthesised, so there is nothing to wait for or cancel,
    /// and the receive loop (which emits this) handles no other client event in between.
    /// </summary>
    public static IEnumerable<ServerEvent> ResponseEvents(ConversationItem call, ResponseHeader header)
    {
        var arguments = call.Arguments!;
        yield return header.Created();
        var started = call with { Arguments = string.Empty };
        yield return new ResponseOutputItemAdded(header.ResponseId, 0, started);
        yield return new ConversationItemAdded(started);
        // Two deltas, as a model streams its arguments in pieces; clients must concatenate them.
        var half = arguments.Length / 2;
        foreach (var delta in new[] { arguments[..half], arguments[half..] }.Where(d => d.Length > 0))
        {
            yield return new ResponseFunctionCallArgumentsDelta(header.ResponseId, call.Id!, 0, call.CallId!, delta);
        }

        yield return new ResponseFunctionCallArgumentsDone(header.ResponseId, call.Id!, 0, call.CallId!, call.Name!, arguments);
        var done = call with { Status = "completed" };
        yield return new ResponseOutputItemDone(header.ResponseId, 0, done);
        yield return new ConversationItemDone(done);
        yield return header.Done(RealtimeResponse.Completed, done);
    }

    private static bool DeclaresTool(JsonElement? tools) =>
        tools is { ValueKind: JsonValueKind.Array } array
        && array.EnumerateArray().Any(t =>
            t.ValueKind == JsonValueKind.Object
            && t.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "function"
            && t.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == KnowledgeTool.Name);
}
