using ActorVoice.Engine.Turns;

namespace ActorVoice.Tests.Turns;

public class CaptureClockSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_capture_no_audio_position_should_have_a_wall_clock_time()
    {
        Assert.Null(new CaptureClock().WallClockOf(1000));
    }

    [Fact]
    public void A_position_should_map_into_the_latest_capture_that_holds_it()
    {
        var clock = new CaptureClock();
        clock.CaptureStarted(0, T0);
        clock.CaptureStarted(3000, T0.AddSeconds(10));

        Assert.Equal(T0.AddMilliseconds(1500), clock.WallClockOf(1500));
        Assert.Equal(T0.AddSeconds(10).AddMilliseconds(250), clock.WallClockOf(3250));
    }

    [Fact]
    public void A_position_before_every_remembered_capture_should_have_no_time()
    {
        var clock = new CaptureClock();
        clock.CaptureStarted(500, T0);

        Assert.Null(clock.WallClockOf(499));
    }
}
