using System.Text.Json;
using ActorVoice.LocalServer.Sessions.Conversation;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Realtime.Protocol.Tools;

namespace ActorVoice.LocalServer.Sessions.Responses;

/// <summary>
/// Function-calling emulation, so that tool-using clients (the engine's tool mode, an Agents SDK agent with a function
/// tool) run offline. The server has no model, so "the model decides to call a tool" is a fixed rule: when a response
/// is asked for right after a user audio turn (nothing injected by the client since) and the response or the session
/// declares a function it can fill (<see cref="EmulatedFunction"/>: <see cref="KnowledgeTool.Name"/>, or any function
/// with exactly one required parameter, of type string), the response is a call of that function whose parameter is
/// the turn's transcript. The client's <c>function_call_output</c> is then spoken by the next response (see
/// <see cref="ItemText.OfToolOutput"/>).
/// </summary>
internal static class FunctionCallEmulation
{
    /// <summary>The function this response should call, or null for a spoken answer. On the session's loop.</summary>
    public static EmulatedFunction? FunctionToCall(ResponseCreateParams? parameters, SessionConfig session, ConversationStore conversation)
    {
        if (conversation.UserAudioAwaitingAnswer is null || parameters?.Conversation == "none" || parameters?.Input is { Count: > 0 })
        {
            return null;
        }

        var choice = parameters?.ToolChoice ?? session.ToolChoice;
        if (choice is { ValueKind: JsonValueKind.String } c && c.GetString() == "none")
        {
            return null;
        }

        // tool_choice {"type":"function","name":X} forces X; response tools replace the session's for this response.
        var forced = choice is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()
            : null;
        var tools = parameters?.Tools is { ValueKind: JsonValueKind.Array } ? parameters.Tools : session.Tools;
        return EmulatedFunction.FirstIn(tools, forced);
    }

    /// <summary>
    /// Builds the call of <paramref name="function"/> for the pending user turn and adds it, completed, to the
    /// conversation (on the session's loop). The argument is the turn's transcript, or "" when
    /// transcription has not finished yet (manual commits decode in the background) or is off.
    /// </summary>
    public static (ConversationItem Call, string? PreviousItemId) BeginCall(ConversationStore conversation, EmulatedFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var userItem = conversation.TakeUserAudioAwaitingAnswer();
        var query = userItem?.Content?.Select(c => c.Transcript).FirstOrDefault(t => t is not null) ?? string.Empty;
        var call = new ConversationItem(ConversationItem.FunctionCall)
        {
            Id = IdGenerator.Next("item"),
            Object = "realtime.item",
            Status = "in_progress",
            CallId = IdGenerator.Next("call"),
            Name = function.Name,
            Arguments = JsonSerializer.Serialize(new Dictionary<string, string> { [function.Parameter] = query }),
        };
        var previous = conversation.AddFunctionCall(call with { Status = "completed" });
        return (call, previous);
    }

    /// <summary>
    /// The whole function-call response at once: nothing is synthesised, so there is nothing to wait for or cancel,
    /// and the session's loop (which emits this) handles no other message in between.
    /// </summary>
    public static IEnumerable<ServerEvent> ResponseEvents(ConversationItem call, string? previousItemId, ResponseHeader header)
    {
        var arguments = call.Arguments!;
        yield return header.Created();
        var started = call with { Arguments = string.Empty };
        yield return new ResponseOutputItemAdded(header.ResponseId, 0, started);
        yield return new ConversationItemAdded(started) { PreviousItemId = previousItemId };
        // Two deltas, as a model streams its arguments in pieces; clients must concatenate them.
        var half = arguments.Length / 2;
        foreach (var delta in new[] { arguments[..half], arguments[half..] }.Where(d => d.Length > 0))
        {
            yield return new ResponseFunctionCallArgumentsDelta(header.ResponseId, call.Id!, 0, call.CallId!, delta);
        }

        yield return new ResponseFunctionCallArgumentsDone(header.ResponseId, call.Id!, 0, call.CallId!, call.Name!, arguments);
        var done = call with { Status = "completed" };
        yield return new ResponseOutputItemDone(header.ResponseId, 0, done);
        yield return new ConversationItemDone(done) { PreviousItemId = previousItemId };
        yield return header.Done(RealtimeResponse.Completed, done);
    }
}
