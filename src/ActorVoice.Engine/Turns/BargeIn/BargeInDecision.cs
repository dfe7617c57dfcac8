namespace ActorVoice.Engine.Turns.BargeIn;

/// <summary>What the <see cref="BargeInPolicy"/> decided about user speech during the answer; the turn actor carries it out.</summary>
public abstract record BargeInDecision
{
    private BargeInDecision()
    {
    }

    /// <summary>Nothing to do now (the speech is still a candidate, or the event was not about it).</summary>
    public static BargeInDecision None { get; } = new Nothing();

    /// <summary>User speech while the assistant speaks is not allowed to interrupt (<c>half-duplex</c> or <c>barge-in off</c>).</summary>
    public sealed record Ignore(string Reason) : BargeInDecision;

    /// <summary>Start the minimum-speech guard: decide when it passes, unless the speech stops first.</summary>
    public sealed record Guard(TimeSpan Wait) : BargeInDecision;

    /// <summary>Stop the assistant now; the interrupting speech (item <paramref name="NextItemId"/>) is the next turn.</summary>
    public sealed record Interrupt(BargeInCandidate Candidate, string? NextItemId) : BargeInDecision;

    /// <summary>
    /// Pause the assistant now (silent within a frame, its audio kept) and wait <paramref name="Wait"/> for the user's
    /// words: they interrupt; none (a cough, an echo, a backchannel) resume the answer where it paused.
    /// </summary>
    public sealed record Pause(BargeInCandidate Candidate, TimeSpan Wait) : BargeInDecision;

    /// <summary>No words followed the pause: play the same answer on from where it paused (a false interruption).</summary>
    public sealed record Resume(string Reason) : BargeInDecision;

    /// <summary>The short speech was a backchannel: the assistant goes on.</summary>
    public sealed record Backchannel(string Text) : BargeInDecision;

    private sealed record Nothing : BargeInDecision;
}
