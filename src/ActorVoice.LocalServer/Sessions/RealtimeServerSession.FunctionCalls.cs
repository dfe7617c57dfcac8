using ActorVoice.Realtime.Protocol.Tools;
using System.Text.Json;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// Function-calling emulation for one tool, so that the engine's tool mode can run offline. The server has no model,
/// so "the model decides to look things up" is a fixed rule: when the session declares the <c>search_knowledge</c>
/// function and a response is asked for right after a user audio turn (nothing injected by the client since), the
/// response is a function call whose <c>query</c> is that turn's transcript. The client's
/// <c>function_call_output</c> is then spoken by the next response (see <see cref="TextOfFunctionOutput"/>).
/// </summary>
public sealed partial class RealtimeServerSession
{
    /// <summary>The one tool the local server knows how to "call".</summary>
    public const string EmulatedToolName = KnowledgeTool.Name;

    /// <summary>The user audio item still waiting for an answer: set on commit, cleared by client injections or a call.</summary>
    private string? _userAudioAwaitingAnswer;

    /// <summary>Whether this response should be a function call; called under <c>_gate</c>.</summary>
    private bool ShouldCallTool(ResponseCreateParams? parameters)
    {
        if (_userAudioAwaitingAnswer is null || parameters?.Conversation == "none" || parameters?.Input is { Count: > 0 })
        {
            return false;
        }

        var choice = parameters?.ToolChoice ?? _session.ToolChoice;
        if (choice is { ValueKind: JsonValueKind.String } c && c.GetString() == "none")
        {
            return false;
        }

        return DeclaresTool(parameters?.Tools) || DeclaresTool(_session.Tools);
    }

    private static bool DeclaresTool(JsonElement? tools) =>
        tools is { ValueKind: JsonValueKind.Array } array
        && array.EnumerateArray().Any(t =>
            t.ValueKind == JsonValueKind.Object
            && t.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "function"
            && t.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == EmulatedToolName);

    /// <summary>
    /// Builds the function call for the pending user turn; called under <c>_gate</c>. The query is the turn's transcript,
    /// or "" when transcription has not finished yet (manual commits decode in the background) or is off.
    /// </summary>
    private ConversationItem BeginFunctionCall()
    {
        var userItem = _conversation.Find(i => i.Id == _userAudioAwaitingAnswer);
        var query = userItem?.Content?.Select(c => c.Transcript).FirstOrDefault(t => t is not null) ?? string.Empty;
        _userAudioAwaitingAnswer = null;
        _lastClientTextSinceResponse = null;
        var call = new ConversationItem(ConversationItem.FunctionCall)
        {
            Id = IdGenerator.Next("item"),
            Object = "realtime.item",
            Status = "in_progress",
            CallId = IdGenerator.Next("call"),
            Name = EmulatedToolName,
            Arguments = JsonSerializer.Serialize(new Dictionary<string, string> { ["query"] = query }),
        };
        _conversation.Add(call with { Status = "completed" });
        return call;
    }

    /// <summary>
    /// Emits the whole function-call response at once: nothing is synthesised, so there is nothing to wait for or
    /// cancel, and the receive loop (which emits this) handles no other client event in between.
    /// </summary>
    private void EmitFunctionCall(ConversationItem call, ResponseCreateParams? parameters)
    {
        var responseId = IdGenerator.Next("resp");
        var modalities = parameters?.OutputModalities ?? _session.OutputModalities ?? ["audio"];
        var arguments = call.Arguments!;
        Emit(new ResponseCreated(new RealtimeResponse(responseId, RealtimeResponse.InProgress)
        {
            ConversationId = _conversationId,
            OutputModalities = modalities,
            Metadata = parameters?.Metadata,
        }));
        var started = call with { Arguments = string.Empty };
        Emit(new ResponseOutputItemAdded(responseId, 0, started));
        Emit(new ConversationItemAdded(started));
        // Two deltas, as a model streams its arguments in pieces; clients must concatenate them.
        var half = arguments.Length / 2;
        foreach (var delta in new[] { arguments[..half], arguments[half..] }.Where(d => d.Length > 0))
        {
            Emit(new ResponseFunctionCallArgumentsDelta(responseId, call.Id!, 0, call.CallId!, delta));
        }

        Emit(new ResponseFunctionCallArgumentsDone(responseId, call.Id!, 0, call.CallId!, call.Name!, arguments));
        var done = call with { Status = "completed" };
        Emit(new ResponseOutputItemDone(responseId, 0, done));
        Emit(new ConversationItemDone(done));
        Emit(new ResponseDone(new RealtimeResponse(responseId, RealtimeResponse.Completed)
        {
            ConversationId = _conversationId,
            Usage = EmptyUsage,
            Output = [done],
            OutputModalities = modalities,
            Metadata = parameters?.Metadata,
        }));
    }

    /// <summary>
    /// What to speak for a tool's output: its string <c>answer</c> field, else the <c>text</c> of its first
    /// <c>passages</c> entry, else the raw output (also when it is not JSON at all).
    /// </summary>
    private static string? TextOfFunctionOutput(string? output)
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
