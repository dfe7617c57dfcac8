using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Engine.Turns.Injection;

/// <summary>
/// How the retrieved knowledge reaches the realtime model (<see cref="AnswerInjection"/>): each step returns the client
/// events to send and the state that follows. Implementations may update the turn's data (its answer, tool output,
/// response id); the actor records timings, sources and statistics itself.
/// </summary>
public interface IAnswerInjection
{
    /// <summary>The final (non-empty) transcript of <paramref name="turn"/> is known and its knowledge has been requested.</summary>
    InjectionStep OnFinalTranscript(TurnState turn);

    /// <summary>The knowledge for the final transcript arrived.</summary>
    InjectionStep OnKnowledge(TurnState turn, KnowledgeResult result);

    /// <summary>The knowledge source failed or was too slow.</summary>
    InjectionStep OnKnowledgeFailed(TurnState turn);

    /// <summary>
    /// The model's response that called the knowledge tool is done (<see cref="TurnState.ToolCallId"/> is set). Only
    /// <see cref="AnswerInjection.Tool"/> offers the tool; the other modes never see a call and wait.
    /// </summary>
    InjectionStep OnToolCallDone(TurnState turn);
}

/// <summary>Chooses the injection strategy of <see cref="AnswerSettings.Injection"/>.</summary>
public static class AnswerInjections
{
    public static IAnswerInjection For(EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Answer.Injection switch
        {
            AnswerInjection.Passages => new PassagesInjection(settings),
            AnswerInjection.Tool => new ToolInjection(settings),
            _ => new VerbatimInjection(settings),
        };
    }
}
