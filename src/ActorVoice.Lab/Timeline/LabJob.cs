namespace ActorVoice.Lab.Timeline;

/// <summary>
/// One retrieval job of a turn: when it started, and when it ended (<see cref="EndMs"/>) or was cancelled
/// (<see cref="CancelMs"/>). <see cref="Used"/>: its result answered the turn. <see cref="Speculative"/>: it ran on a
/// partial (or local) transcript rather than on the final one.
/// </summary>
public sealed record LabJob(string Query, double StartMs, double? EndMs, double? CancelMs, bool Used, bool Speculative)
{
    /// <summary>A job whose result did not answer the turn (cancelled, or finished and ignored).</summary>
    public bool Wasted => !Used;
}
