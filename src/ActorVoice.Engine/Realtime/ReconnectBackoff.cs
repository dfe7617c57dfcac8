using ActorVoice.Engine.Configuration;

namespace ActorVoice.Engine.Realtime;

/// <summary>
/// The waits between reconnection attempts (<c>realtime.reconnect</c>): exponential from <c>min-backoff</c>, doubled per
/// attempt and capped at <c>max-backoff</c>, then lengthened by a random fraction in [0, <c>random-factor</c>] so that
/// many sessions losing the same server do not all retry at the same moment.
/// </summary>
public sealed class ReconnectBackoff(ReconnectSettings settings, Func<double>? random = null)
{
    private readonly ReconnectSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>Attempts allowed per loss.</summary>
    public int MaxAttempts => _settings.MaxAttempts;

    /// <summary>The wait before attempt <paramref name="attempt"/> (1 = the first attempt after the loss).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        // 2^(attempt-1) without overflow: beyond 30 doublings the cap has long been reached.
        var doublings = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(_settings.MaxBackoff.Ticks, _settings.MinBackoff.Ticks * (double)(1L << doublings));
        return TimeSpan.FromTicks((long)(ticks * (1 + (_settings.RandomFactor * _random()))));
    }
}
