using System.Diagnostics;

namespace ActorVoice.Server.Security;

/// <summary>
/// A token bucket: holds up to <c>capacity</c> units (the burst), refills at <c>ratePerSecond</c>, and a take succeeds
/// when the bucket holds enough. Time is a <see cref="Stopwatch.GetTimestamp"/> reading passed in, so tests drive it.
/// Not thread-safe: one connection's receive loop owns it.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _capacity;
    private readonly double _perTick;
    private double _level;
    private long _lastTicks;

    public TokenBucket(double ratePerSecond, double capacity, long nowTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _perTick = ratePerSecond / Stopwatch.Frequency;
        _level = capacity;
        _lastTicks = nowTicks;
    }

    /// <summary>Units available now (after refilling up to the capacity).</summary>
    public double Available(long nowTicks)
    {
        Refill(nowTicks);
        return _level;
    }

    /// <summary>Takes <paramref name="amount"/> units if the bucket holds them; otherwise takes nothing.</summary>
    public bool TryTake(double amount, long nowTicks)
    {
        Refill(nowTicks);
        if (_level < amount)
        {
            return false;
        }

        _level -= amount;
        return true;
    }

    private void Refill(long nowTicks)
    {
        if (nowTicks <= _lastTicks)
        {
            return; // a clock reading from before the last one adds nothing
        }

        _level = Math.Min(_capacity, _level + ((nowTicks - _lastTicks) * _perTick));
        _lastTicks = nowTicks;
    }
}
