using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>How a session reconnects after losing its realtime connection (<c>actorvoice.engine.realtime.reconnect</c>).</summary>
public sealed record ReconnectSettings
{
    /// <summary>The wait before the first attempt; each further attempt waits twice as long, up to <see cref="MaxBackoff"/>.</summary>
    [Positive]
    public required TimeSpan MinBackoff { get; init; }

    [Positive]
    public required TimeSpan MaxBackoff { get; init; }

    /// <summary>Each wait is lengthened by a random fraction in [0, random-factor] (so many sessions do not retry in step).</summary>
    [SettingRange(0, 1)]
    public required double RandomFactor { get; init; }

    /// <summary>Attempts per loss before the session fails (0: the session fails on the first loss).</summary>
    [SettingRange(0)]
    public required int MaxAttempts { get; init; }
}
