namespace ActorVoice.Cli.Chaos.Invariants;

/// <summary>
/// How far above its baseline a run may end and still count as back: managed memory, handles and threads. The
/// thread pool keeps idle workers for a while and the runtime's caches settle, so the baseline is taken after a
/// warm-up turn and a small margin is allowed; a leak per turn or per reconnect exceeds it within a few turns.
/// </summary>
public sealed record ResourceTolerance(long ManagedBytes, int Handles, int Threads)
{
    /// <summary>16 MiB of managed memory, 24 handles, 12 threads.</summary>
    public static ResourceTolerance Default { get; } = new(16L * 1024 * 1024, 24, 12);
}
