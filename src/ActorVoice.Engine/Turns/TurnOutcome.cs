namespace ActorVoice.Engine.Turns;

/// <summary>How a turn ended.</summary>
public enum TurnOutcome
{
    /// <summary>The answer was spoken in full.</summary>
    Answered,

    /// <summary>The user cut in while the answer played (barge-in).</summary>
    Interrupted,

    /// <summary>The user spoke again before the answer started; the new speech became the turn.</summary>
    Superseded,

    /// <summary>
    /// The documents' answer could not be given (knowledge source failed or timed out, connection lost, a part failed)
    /// and a spoken notice said so instead: the user is never left in silence. <see cref="TurnResult.FallbackReason"/> says why.
    /// </summary>
    Fallback,

    /// <summary>Something went wrong; <see cref="TurnResult.Error"/> says what.</summary>
    Failed,
}
