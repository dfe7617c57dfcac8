using System.Collections.Concurrent;

namespace ActorVoice.Faults;

/// <summary>
/// One run's fault injection: the plan, the log of what was injected, the random streams of each edge and the crash
/// points of the named actors. <see cref="None"/> injects nothing; parts take a <see cref="FaultInjection"/> and ask
/// <see cref="Active"/> before doing any work for it, so production paths pay nothing.
/// </summary>
public sealed class FaultInjection
{
    private readonly ConcurrentDictionary<string, int> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ActorCrash, byte> _fired = new();
    private readonly ConcurrentDictionary<string, CrashPoint> _points = new(StringComparer.Ordinal);

    public FaultInjection(FaultPlan plan)
    {
        Plan = plan ?? throw new ArgumentNullException(nameof(plan));
    }

    /// <summary>Injects nothing.</summary>
    public static FaultInjection None { get; } = new(FaultPlan.None);

    public FaultPlan Plan { get; }

    public FaultLog Log { get; } = new();

    /// <summary>True when the plan is enabled.</summary>
    public bool Active => Plan.Enabled;

    public SocketFaults? Socket => Active && Plan.Socket.Any ? Plan.Socket : null;

    public ServerFaults? Server => Active && Plan.Server.Any ? Plan.Server : null;

    public KnowledgeFaults? Knowledge => Active && Plan.Knowledge.Any ? Plan.Knowledge : null;

    public CaptureFaults? Capture => Active && Plan.Capture.Any ? Plan.Capture : null;

    public PlaybackFaults? Playback => Active && Plan.Playback.Any ? Plan.Playback : null;

    /// <summary>
    /// The random stream of the next instance of <paramref name="edge"/> (the first connection, the second, ...):
    /// numbered in the order they are asked for, so a replay gets the same stream for the same instance.
    /// </summary>
    public FaultDice NextDice(string edge) => new(Plan.Seed, edge, _instances.AddOrUpdate(edge, 0, (_, n) => n + 1));

    /// <summary>The crash point of the actor named <paramref name="actor"/> (one per name per run).</summary>
    public CrashPoint CrashPointFor(string actor) => _points.GetOrAdd(actor, name =>
        new CrashPoint(this, name, Active ? Plan.Crashes.Where(c => c.Actor == name).ToArray() : []));

    /// <summary>True the first time <paramref name="crash"/> fires in this run.</summary>
    internal bool TryFire(ActorCrash crash) => _fired.TryAdd(crash, 0);
}
