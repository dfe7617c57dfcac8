using System.Globalization;
using System.Text;
using ActorVoice.Engine.Answers;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Engine.Turns.Injection;

/// <summary>
/// <see cref="AnswerInjection.Passages"/>: the retrieved passages go in as a system message and the response is asked
/// to answer from them. A backend's own answer is spoken as it is; without passages the composed fallback is spoken.
/// </summary>
public sealed class PassagesInjection(EngineSettings settings) : IAnswerInjection
{
    public InjectionStep OnFinalTranscript(TurnState turn) => new([], InjectionNext.Retrieve);

    public InjectionStep OnKnowledge(TurnState turn, KnowledgeResult result)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(result);
        if (VerbatimInjection.SpeakBackendAnswer(turn, result) is { } backend)
        {
            return backend;
        }

        if (result.Passages.Count == 0)
        {
            return SpokenAnswer.Speak(turn, AnswerComposer.Compose(turn.Transcript, result.Passages, settings.Answer)?.Text ?? settings.Turn.NoAnswerText);
        }

        var context = new StringBuilder("Context from the organisation's documents:");
        var n = 0;
        foreach (var passage in result.Passages.Take(settings.Answer.ContextPassages))
        {
            context.Append(CultureInfo.InvariantCulture, $"\n[{++n}] {passage.Document} ({passage.Heading}): {passage.Text.Trim()}");
        }

        turn.Answer = context.ToString();
        var instructions = $"{settings.Realtime.Instructions} Answer the user's last question in one or two sentences, using only the context above, and name the document you used.".Trim();
        return new InjectionStep([SpokenAnswer.SystemMessage(turn.Answer), SpokenAnswer.Response(turn, instructions)], InjectionNext.Answer);
    }

    public InjectionStep OnKnowledgeFailed(TurnState turn) => SpokenAnswer.Speak(turn, settings.Turn.NoAnswerText);

    public InjectionStep OnToolCallDone(TurnState turn) => InjectionStep.Wait;
}
