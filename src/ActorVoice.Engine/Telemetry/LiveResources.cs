namespace ActorVoice.Engine.Telemetry;

/// <summary>
/// Process-wide gauges of what the engine holds open right now: realtime connections, capture streams, playback
/// streams and speculative knowledge queries. Each is raised where the resource starts and lowered where it ends (a
/// one-line hook in the owning class), so a run can check that nothing outlives its turn or session: the chaos
/// runner's <c>nothing-outlives-its-turn-or-session</c> invariant (docs/faults.md). Lock-free; the cost is one
/// interlocked add per resource, never per frame.
/// </summary>
public static class LiveResources
{
    /// <summary>Open realtime WebSocket connections (<c>RealtimeClientConnection</c>: constructed until disposed).</summary>
    public static Gauge RealtimeConnections { get; } = new("realtime-connections");

    /// <summary>Running capture streams (<c>CaptureActor</c>: materialized until the stream terminates).</summary>
    public static Gauge CaptureStreams { get; } = new("capture-streams");

    /// <summary>Running playback streams (<c>PlaybackActor</c>: materialized until the stream terminates).</summary>
    public static Gauge PlaybackStreams { get; } = new("playback-streams");

    /// <summary>Knowledge queries of the speculator in flight (<c>SpeculationQueries</c>: started until the task ends).</summary>
    public static Gauge SpeculativeJobs { get; } = new("speculative-jobs");

    /// <summary>Every gauge, in a fixed order.</summary>
    public static IReadOnlyList<Gauge> All { get; } = [RealtimeConnections, CaptureStreams, PlaybackStreams, SpeculativeJobs];

    /// <summary>The value of every gauge now.</summary>
    public static LiveResourceSnapshot Snapshot() => new(All.ToDictionary(g => g.Name, g => g.Value, StringComparer.Ordinal));

    /// <summary>One gauge: a count raised and lowered from any thread (tests may make their own).</summary>
    public sealed class Gauge(string name)
    {
        private long _value;

        public string Name { get; } = name;

        public long Value => Interlocked.Read(ref _value);

        /// <summary>Raises the gauge now and lowers it once, when the returned lease is disposed (disposing twice is harmless).</summary>
        public Lease Lease()
        {
            Interlocked.Increment(ref _value);
            return new Lease(this);
        }

        /// <summary>Raises the gauge now and lowers it when <paramref name="task"/> ends, however it ends; returns the task.</summary>
        public Task Track(Task task)
        {
            ArgumentNullException.ThrowIfNull(task);
            Interlocked.Increment(ref _value);
            task.ContinueWith(_ => Lower(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return task;
        }

        /// <inheritdoc cref="Track(Task)"/>
        public Task<T> Track<T>(Task<T> task)
        {
            Track((Task)task);
            return task;
        }

        internal void Lower() => Interlocked.Decrement(ref _value);

        public override string ToString() => $"{Name} = {Value}";
    }

    /// <summary>A held resource: lowers its gauge once when disposed.</summary>
    public sealed class Lease : IDisposable
    {
        private Gauge? _gauge;

        internal Lease(Gauge gauge) => _gauge = gauge;

        public void Dispose() => Interlocked.Exchange(ref _gauge, null)?.Lower();
    }
}
