using System.Diagnostics;
using ActorVoice.Server.Security;

namespace ActorVoice.Tests.Security;

public sealed class ClientLimiterSpec
{
    private static readonly long Second = Stopwatch.Frequency;

    private static ClientLimiter Limiter(long start = 0) => new(SecurityTestSettings.With(
        "actorvoice.serve.limits { audio-bytes-per-second = 48000, audio-burst-bytes = 96000, max-frame-bytes = 9600 }",
        "actorvoice.serve.limits { events-per-second = 10, events-burst = 20, garbage-threshold = 3, idle-timeout = 30s }",
        "actorvoice.serve.limits { outgoing-queue-messages = 100, outgoing-queue-bytes = 1000 }").Limits, start);

    [Fact]
    public void Audio_at_real_time_should_be_allowed_indefinitely()
    {
        var limiter = Limiter();

        // Ten simulated minutes of 20 ms frames (960 bytes) paced exactly in real time.
        for (var frame = 1; frame <= 30_000; frame++)
        {
            var verdict = limiter.OnMessage(true, 960, frame * Second / 50);
            Assert.True(verdict.Allowed, $"frame {frame}: {verdict.Reason}");
        }
    }

    [Fact]
    public void Audio_burst_should_be_allowed_up_to_the_burst_and_refused_past_it()
    {
        var limiter = Limiter();

        // All at one instant: the burst (96000 bytes = 10 frames of 9600) passes, the next frame does not.
        for (var i = 0; i < 10; i++)
        {
            Assert.True(limiter.OnMessage(true, 9600, 0).Allowed);
        }

        var refused = limiter.OnMessage(true, 9600, 0);
        Assert.False(refused.Allowed);
        Assert.Equal(CloseCodes.RateLimited, refused.CloseCode);
        Assert.Contains("audio", refused.Reason, StringComparison.Ordinal);
        // A quarter second later 12000 bytes have refilled: one more frame fits.
        Assert.True(limiter.OnMessage(true, 9600, Second / 4).Allowed);
    }

    [Fact]
    public void Sustained_audio_flood_at_twice_real_time_should_be_refused_once_the_burst_is_spent()
    {
        var limiter = Limiter();
        var refusedAt = -1L;

        // 96000 bytes/s against 48000/s: the 96000-byte burst lasts about two seconds.
        for (var frame = 1; frame <= 1000 && refusedAt < 0; frame++)
        {
            var now = frame * Second / 100;
            if (!limiter.OnMessage(true, 960, now).Allowed)
            {
                refusedAt = now;
            }
        }

        Assert.InRange(refusedAt, 19 * Second / 10, 21 * Second / 10);
    }

    [Fact]
    public void Event_flood_should_be_refused_and_events_at_the_rate_allowed()
    {
        var steady = Limiter();
        for (var i = 1; i <= 600; i++)
        {
            Assert.True(steady.OnMessage(false, 20, i * Second / 10).Allowed);
        }

        var flood = Limiter();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(flood.OnMessage(false, 20, 0).Allowed);
        }

        var refused = flood.OnMessage(false, 20, 0);
        Assert.Equal(CloseCodes.RateLimited, refused.CloseCode);
        Assert.Contains("events", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_and_events_should_draw_on_separate_budgets()
    {
        var limiter = Limiter();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(limiter.OnMessage(false, 20, 0).Allowed);
        }

        Assert.True(limiter.OnMessage(true, 960, 0).Allowed);
    }

    [Fact]
    public void Oversized_frame_should_close_with_1009_whatever_its_kind()
    {
        var limiter = Limiter();

        Assert.Equal(CloseCodes.MessageTooBig, limiter.OnMessage(true, 9601, 0).CloseCode);
        Assert.Equal(CloseCodes.MessageTooBig, limiter.OnMessage(false, 9601, 0).CloseCode);
        Assert.True(limiter.OnMessage(true, 9600, 0).Allowed);
    }

    [Fact]
    public void Garbage_should_be_tolerated_up_to_the_threshold_then_close_with_1003()
    {
        var limiter = Limiter();

        Assert.True(limiter.OnGarbage().Allowed);
        Assert.True(limiter.OnGarbage().Allowed);
        Assert.True(limiter.OnGarbage().Allowed);
        var verdict = limiter.OnGarbage();
        Assert.Equal(CloseCodes.UnsupportedData, verdict.CloseCode);
    }

    [Fact]
    public void Idle_client_should_be_closed_with_4408_after_the_timeout_and_activity_should_reset_it()
    {
        var limiter = Limiter();

        Assert.True(limiter.CheckIdle(29 * Second).Allowed);
        limiter.OnMessage(false, 10, 29 * Second);
        Assert.True(limiter.CheckIdle(58 * Second).Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.IdleRemaining(58 * Second));
        Assert.Equal(CloseCodes.IdleTimeout, limiter.CheckIdle(59 * Second).CloseCode);
    }

    [Fact]
    public void Outgoing_queue_past_either_bound_should_close_with_4410()
    {
        var limiter = Limiter();

        Assert.True(limiter.CheckOutgoing(100, 1000).Allowed);
        Assert.Equal(CloseCodes.SlowReader, limiter.CheckOutgoing(101, 10).CloseCode);
        Assert.Equal(CloseCodes.SlowReader, limiter.CheckOutgoing(1, 1001).CloseCode);
    }
}
