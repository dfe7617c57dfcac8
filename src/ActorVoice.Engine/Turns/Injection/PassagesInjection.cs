using System.Globalization;
using System.Text;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Engine.Turns.Injection;

/// <summary>
/// <see cref="AnswerInjection.Passages"/>: the retrieved passages go in as a system message and the response is asked
/// to answer from them. Everything else (a backend's own answer, no passages, a failed source) is spoken as in
/// <see cref="AnswerInjection.Verbatim"/>.
/// </summary>
public sealed class PassagesInjection(EngineSettings settings) : IAnswerInjection
{
    private readonly VerbatimInjection _verbatim = new(settings);

    public InjectionStep OnFinalTranscript(TurnState turn) => _verbatim.OnFinalTranscript(turn);

    public InjectionStep OnKnowledge(TurnState turn, KnowledgeResult result)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(result);
        if (!string.IsNullOrWhiteSpace(result.Answer) || result.Passages.Count == 0)
        {
            return _verbatim.OnKnowledge(turn, result);
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

    public InjectionStep OnKnowledgeFailed(TurnState turn) => _verbatim.OnKnowledgeFailed(turn);

    public InjectionStep OnToolCallDone(TurnState turn) => _verbatim.OnToolCallDone(turn);
}
