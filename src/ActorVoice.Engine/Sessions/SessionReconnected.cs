namespace ActorVoice.Engine.Sessions;

/// <summary>
/// To the session's observer: the realtime connection was lost (or recycled before its age limit) and a new one is
/// configured and re-seeded from the transcript log.
/// </summary>
/// <param name="Attempts">Connection attempts it took (1: the first succeeded).</param>
/// <param name="Took">From the loss (or the planned handoff) to the new session configured and re-seeded.</param>
/// <param name="Reason">Why: the loss's reason, or "recycle" for a planned handoff.</param>
public sealed record SessionReconnected(int Attempts, TimeSpan Took, string Reason);
