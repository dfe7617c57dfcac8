using System.Diagnostics;
using System.Globalization;

namespace ActorVoice.Server.Security;

/// <summary>
/// One connection's budget (create one per client; not thread-safe: its receive loop owns it). Audio bytes and JSON
/// events each draw on a token bucket with a burst; a message over the frame limit, a flood, repeated garbage, silence
/// past the idle timeout or an outgoing queue the client does not drain each give a verdict that closes this client's
/// socket with its code and reason, and nobody else's. Times are <see cref="Stopwatch.GetTimestamp"/> readings.
/// </summary>
public sealed class ClientLimiter
{
    private readonly ClientLimitSettings _limits;
    private readonly TokenBucket _audio;
    private readonly TokenBucket _events;
    private readonly long _idleTicks;
    private int _garbage;

    public ClientLimiter(ClientLimitSettings limits, long nowTicks)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _audio = new TokenBucket(limits.AudioBytesPerSecond, limits.AudioBurstBytes, nowTicks);
        _events = new TokenBucket(limits.EventsPerSecond, limits.EventsBurst, nowTicks);
        _idleTicks = (long)(limits.IdleTimeout.TotalSeconds * Stopwatch.Frequency);
        LastActivityTicks = nowTicks;
    }

    public ClientLimiter(ClientLimitSettings limits)
        : this(limits, Stopwatch.GetTimestamp())
    {
    }

    /// <summary>When the client last sent a message (a <see cref="Stopwatch.GetTimestamp"/> reading).</summary>
    public long LastActivityTicks { get; private set; }

    /// <summary>Invalid messages seen so far.</summary>
    public int GarbageCount => _garbage;

    /// <summary>
    /// Accounts one complete message from the client: <paramref name="binary"/> audio of <paramref name="bytes"/> bytes,
    /// or a text event. A refusal means: close the socket with its code; the message is not handled.
    /// </summary>
    public LimitVerdict OnMessage(bool binary, int bytes, long nowTicks)
    {
        LastActivityTicks = Math.Max(LastActivityTicks, nowTicks);
        if (bytes > _limits.MaxFrameBytes)
        {
            return LimitVerdict.Close(CloseCodes.MessageTooBig, Invariant($"frame too large: over {_limits.MaxFrameBytes} bytes"));
        }

        if (binary)
        {
            return _audio.TryTake(bytes, nowTicks)
                ? LimitVerdict.Ok
                : LimitVerdict.Close(CloseCodes.RateLimited, Invariant($"rate limit: audio over {_limits.AudioBytesPerSecond} bytes/s"));
        }

        return _events.TryTake(1, nowTicks)
            ? LimitVerdict.Ok
            : LimitVerdict.Close(CloseCodes.RateLimited, Invariant($"rate limit: over {_limits.EventsPerSecond} events/s"));
    }

    /// <summary>
    /// Accounts one invalid message (invalid UTF-8, not JSON, unknown type). Up to <c>garbage-threshold</c> the caller
    /// answers with an error event and goes on; past it, the verdict closes with 1003.
    /// </summary>
    public LimitVerdict OnGarbage()
    {
        _garbage++;
        return _garbage > _limits.GarbageThreshold
            ? LimitVerdict.Close(CloseCodes.UnsupportedData, Invariant($"unsupported data: more than {_limits.GarbageThreshold} invalid messages"))
            : LimitVerdict.Ok;
    }

    /// <summary>Closes with 4408 once the client has sent nothing for <c>idle-timeout</c>.</summary>
    public LimitVerdict CheckIdle(long nowTicks) =>
        nowTicks - LastActivityTicks >= _idleTicks
            ? LimitVerdict.Close(CloseCodes.IdleTimeout, Invariant($"idle timeout: nothing received for {_limits.IdleTimeout.TotalSeconds:0.#} s"))
            : LimitVerdict.Ok;

    /// <summary>How long until the idle timeout fires if nothing arrives (zero when it is due).</summary>
    public TimeSpan IdleRemaining(long nowTicks)
    {
        var remaining = _idleTicks - (nowTicks - LastActivityTicks);
        return remaining <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency);
    }

    /// <summary>
    /// Checks the client's outgoing queue after an enqueue: past <c>outgoing-queue-messages</c> or
    /// <c>outgoing-queue-bytes</c> the client is not reading, and the verdict closes with 4410.
    /// </summary>
    public LimitVerdict CheckOutgoing(int queuedMessages, long queuedBytes) =>
        queuedMessages > _limits.OutgoingQueueMessages || queuedBytes > _limits.OutgoingQueueBytes
            ? LimitVerdict.Close(CloseCodes.SlowReader, "slow reader: outgoing queue full")
            : LimitVerdict.Ok;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
