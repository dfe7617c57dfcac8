using System.Collections.Concurrent;

namespace ActorVoice.Faults;

/// <summary>
/// Every fault a run injected, in order, for the invariant report and the metrics; thread-safe. Keeps the newest
/// <see cref="Capacity"/> entries (a soak injects without end) and counts all of them per edge and kind.
/// </summary>
public sealed class FaultLog
{
    public const int Capacity = 10_000;
    private readonly ConcurrentQueue<InjectedFault> _recent = new();
    private readonly ConcurrentDictionary<(string Edge, string Kind), long> _counts = new();

    /// <summary>Raised after each fault is recorded (e.g. to count it in metrics). Called on the injecting thread.</summary>
    public event Action<InjectedFault>? Injected;

    public void Record(string edge, string kind, string detail)
    {
        var fault = new InjectedFault(edge, kind, detail, DateTimeOffset.UtcNow);
        _recent.Enqueue(fault);
        while (_recent.Count > Capacity && _recent.TryDequeue(out _))
        {
        }

        _counts.AddOrUpdate((edge, kind), 1, (_, n) => n + 1);
        Injected?.Invoke(fault);
    }

    /// <summary>The newest faults, oldest first.</summary>
    public IReadOnlyList<InjectedFault> Recent => [.. _recent];

    /// <summary>How many faults of each edge and kind were injected.</summary>
    public IReadOnlyDictionary<(string Edge, string Kind), long> Counts => new Dictionary<(string Edge, string Kind), long>(_counts);

    public long Total => _counts.Values.Sum();
}
