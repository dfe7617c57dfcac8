using ActorVoice.Engine.Answers;
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

    public InjectionStep OnKnowledge(TurnState turn, KnowledgeResult result)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(result);
        return SpeakBackendAnswer(turn, result)
            ?? SpokenAnswer.Speak(turn, AnswerComposer.Compose(turn.Transcript, result.Passages, settings.Answer)?.Text ?? settings.Turn.NoAnswerText);
    }

    public InjectionStep OnKnowledgeFailed(TurnState turn) => SpokenAnswer.Speak(turn, settings.Turn.NoAnswerText);

    public InjectionStep OnToolCallDone(TurnState turn) => InjectionStep.Wait;

    /// <summary>A backend that answers by itself (HTTP chatbot): its answer is spoken as it is; null when it gave none.</summary>
    internal static InjectionStep? SpeakBackendAnswer(TurnState turn, KnowledgeResult result) =>
        string.IsNullOrWhiteSpace(result.Answer) ? null : SpokenAnswer.Speak(turn, result.Answer);
}
