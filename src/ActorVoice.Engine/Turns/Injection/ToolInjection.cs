using System.Text.Json;
using System.Text.Json.Serialization;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Tools;

namespace ActorVoice.Engine.Turns.Injection;

/// <summary>
/// <see cref="AnswerInjection.Tool"/>: the model is asked to respond with <see cref="KnowledgeTool"/> available while the
/// knowledge is already being fetched (speculatively when possible). When the model has called the tool (and that
/// response is done) and the knowledge is in, the result goes back as <c>function_call_output</c> and a spoken response
/// is requested.
/// </summary>
public sealed class ToolInjection(EngineSettings settings) : IAnswerInjection
{
    public InjectionStep OnFinalTranscript(TurnState turn) => new([SpokenAnswer.Response(turn, null)], InjectionNext.ToolCall);

    public InjectionStep OnKnowledge(TurnState turn, KnowledgeResult result)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(result);
        var answer = SpokenAnswer.TextFor(turn.Transcript, result, settings);
        turn.Answer = answer;
        var passages = result.Passages.Take(settings.Answer.ContextPassages)
            .Select(p => new ToolPassage(p.Document, p.Heading, p.Text.Trim()))
            .ToList();
        turn.ToolOutput = JsonSerializer.Serialize(new ToolAnswer(answer, passages));
        return ReturnResultIfReady(turn);
    }

    public InjectionStep OnKnowledgeFailed(TurnState turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.ToolOutput = JsonSerializer.Serialize(new ToolAnswer(settings.Turn.FallbackText, []));
        return ReturnResultIfReady(turn);
    }

    public InjectionStep OnToolCallDone(TurnState turn) => ReturnResultIfReady(turn);

    private static InjectionStep ReturnResultIfReady(TurnState turn)
    {
        if (turn.ToolCallId is null || !turn.ToolResponseDone || turn.ToolOutput is null)
        {
            return InjectionStep.Wait;
        }

        // The spoken response is a new one: its id is taken from its first event.
        turn.ResponseId = null;
        var output = new ConversationItemCreate(new ConversationItem(ConversationItem.FunctionCallOutput)
        {
            CallId = turn.ToolCallId,
            Output = turn.ToolOutput,
        });
        return new InjectionStep([output, SpokenAnswer.Response(turn, null)], InjectionNext.Answer);
    }

    private sealed record ToolAnswer(
        [property: JsonPropertyName("answer")] string Answer,
        [property: JsonPropertyName("passages")] IReadOnlyList<ToolPassage> Passages);

    private sealed record ToolPassage(
        [property: JsonPropertyName("document")] string Document,
        [property: JsonPropertyName("heading")] string Heading,
        [property: JsonPropertyName("text")] string Text);
}
