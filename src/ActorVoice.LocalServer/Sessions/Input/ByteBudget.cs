using System.Diagnostics;

namespace ActorVoice.LocalServer.Sessions.Input;

/// <summary>
/// A token bucket over bytes: refills at <c>bytesPerSecond</c> and holds at most <c>burst</c> worth of it.
/// A rate of 0 means unlimited. Used on one session's loop only (not thread-safe).
/// </summary>
public sealed class ByteBudget
{
    private readonly double _bytesPerSecond;
    private readonly double _capacity;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _available;
    private TimeSpan _last;

    public ByteBudget(int bytesPerSecond, TimeSpan burst)
    {
        _bytesPerSecond = Math.Max(0, bytesPerSecond);
        _capacity = _bytesPerSecond * burst.TotalSeconds;
        _available = _capacity;
    }

    public bool TryTake(int bytes)
    {
        if (_bytesPerSecond == 0)
        {
            return true;
        }

        var now = _clock.Elapsed;
        _available = Math.Min(_capacity, _available + ((now - _last).TotalSeconds * _bytesPerSecond));
        _last = now;
        if (bytes > _available)
        {
            return false;
        }

        _available -= bytes;
        return true;
    }
}
