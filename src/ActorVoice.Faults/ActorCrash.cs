namespace ActorVoice.Faults;

/// <summary>
/// One planned actor crash: the actor named <paramref name="Actor"/> (its path name in the session, e.g. "turn")
/// throws <see cref="InjectedFaultException"/> on its <paramref name="AtMessage"/>th message (0: not by count) or at its
/// first message once <paramref name="After"/> has passed since it started (null: not by time). Each crash fires once per run.
/// </summary>
public sealed record ActorCrash(string Actor, int AtMessage, TimeSpan? After)
{
    /// <summary>The actor names a crash may target: the children of a voice session.</summary>
    public static IReadOnlyList<string> KnownActors { get; } = ["socket", "capture", "speculator", "playback", "turn"];

    public override string ToString() => AtMessage > 0 ? $"{Actor} at message {AtMessage}" : $"{Actor} after {After}";
}
