using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Engine.Turns.Injection;

/// <summary>
/// <see cref="AnswerInjection.Verbatim"/>: ActorVoice composes the answer from the passages (or takes the backend's own
/// answer) and has it read out verbatim.
/// </summary>
public sealed class VerbatimInjection(EngineSettings settings) : IAnswerInjection
{
    public InjectionStep OnFinalTranscript(TurnState turn) => new([], InjectionNext.Retrieve);

    /// <summary>A backend that answers by itself (HTTP chatbot) has its answer spoken as it is; else the composed one (or the fallback).</summary>
    public InjectionStep OnKnowledge(TurnState turn, KnowledgeResult result)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(result);
        return SpokenAnswer.Speak(turn, SpokenAnswer.TextFor(turn.Transcript, result, settings));
    }

    public InjectionStep OnKnowledgeFailed(TurnState turn) => SpokenAnswer.Speak(turn, settings.Turn.FallbackText);

    public InjectionStep OnToolCallDone(TurnState turn) => InjectionStep.Wait;
}
