namespace ActorVoice.Cli.Soak;

/// <summary>
/// The process's resources at one point of a soak run, taken after a full blocking garbage collection.
/// </summary>
/// <param name="TurnsDone">Turns ended so far (answered or failed).</param>
/// <param name="TurnsFailed">Of those, turns that failed (an error, or no result in time).</param>
/// <param name="Elapsed">Since the run started (the host was up).</param>
/// <param name="ManagedBytes">Managed heap in use after the full collection (live objects).</param>
/// <param name="WorkingSetBytes">The process's resident memory.</param>
/// <param name="GcCommittedBytes">Memory the GC has committed (heap plus freed segments it keeps): the working set above it is native.</param>
/// <param name="Handles">Open file descriptors (/proc/self/fd: sockets, files, pipes, timers), or the OS handle count elsewhere.</param>
/// <param name="Threads">Threads of the process.</param>
/// <param name="OpenSessions">Voice sessions open at that moment.</param>
/// <param name="SessionsStarted">Voice sessions started so far.</param>
public sealed record SoakSample(
    int TurnsDone,
    int TurnsFailed,
    TimeSpan Elapsed,
    long ManagedBytes,
    long WorkingSetBytes,
    long GcCommittedBytes,
    int Handles,
    int Threads,
    int OpenSessions,
    int SessionsStarted);
