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

    /// <summary>Something went wrong; <see cref="TurnResult.Error"/> says what.</summary>
    Failed,
}
