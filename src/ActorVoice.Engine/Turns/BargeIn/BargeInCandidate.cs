namespace ActorVoice.Engine.Turns.BargeIn;

/// <summary>
/// User speech heard while the assistant speaks that may yet interrupt it: its conversation item (once the server
/// named it), when it was detected and began, who detected it, and whether it already <paramref name="Stopped"/>
/// (too short to interrupt by itself; its words decide).
/// </summary>
public sealed record BargeInCandidate(string? ItemId, DateTimeOffset DetectedAt, DateTimeOffset Onset, string DetectedBy, bool Stopped)
{
    public const string LocalVad = "local-vad";

    public const string ServerVad = "server-vad";

    public BargeInDetection Detection => new(DetectedBy, DetectedAt, Onset);
}
