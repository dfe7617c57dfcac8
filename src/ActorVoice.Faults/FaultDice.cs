namespace ActorVoice.Faults;

/// <summary>
/// The random draws of one edge (e.g. "socket" of connection 2). Each edge has its own stream derived from the plan's
/// seed and the edge's name, so faults on one edge do not shift the draws of another, and a run replays exactly
/// given the same plan, seed and sequence of events on that edge. Thread-safe.
/// </summary>
public sealed class FaultDice
{
    private readonly Random _random;
    private readonly Lock _gate = new();

    public FaultDice(int seed, string edge, int instance = 0)
    {
        ArgumentNullException.ThrowIfNull(edge);
        Edge = instance == 0 ? edge : $"{edge}#{instance}";
        _random = new Random(unchecked(seed * 486_187_739 + StableHash(Edge)));
    }

    public string Edge { get; }

    /// <summary>True with probability <paramref name="probability"/> (0 never draws, so a zero rate costs no draw).</summary>
    public bool Roll(double probability)
    {
        if (probability <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < probability;
        }
    }

    /// <summary>Uniform in [0, <paramref name="max"/>].</summary>
    public TimeSpan Upto(TimeSpan max)
    {
        if (max <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        lock (_gate)
        {
            return TimeSpan.FromTicks((long)(_random.NextDouble() * max.Ticks));
        }
    }

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        lock (_gate)
        {
            return _random.Next(maxExclusive);
        }
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    /// <summary>FNV-1a: string.GetHashCode is randomised per process, which would break replay.</summary>
    private static int StableHash(string text)
    {
        var hash = 2_166_136_261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16_777_619u;
        }

        return unchecked((int)hash);
    }
}
