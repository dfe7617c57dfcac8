using Akka.Streams;
using Akka.Streams.Dsl;
using ActorVoice.Engine.Live;

namespace ActorVoice.Tests.Live;

/// <summary>The live microphone's stages: frames of any length become fixed frames; the capture clock is re-anchored only after a gap.</summary>
public sealed class LiveFramesSpec : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task Rechunk_should_cut_frames_of_any_length_into_fixed_frames_keeping_every_sample_in_order()
    {
        short[][] input = [[1, 2, 3], [], [4, 5, 6, 7, 8, 9, 10], [11]];
        var frames = await Source.From(input).Via(LiveFrames.Rechunk(4)).RunWith(Sink.Seq<short[]>(), Sys.Materializer());

        Assert.All(frames, f => Assert.Equal(4, f.Length));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (short)i), frames.SelectMany(f => f));
    }

    [Fact]
    public async Task ClockResync_should_anchor_on_the_first_frame_and_again_only_after_a_gap()
    {
        var now = DateTimeOffset.UnixEpoch;
        // Frames of 10 ms at 1 kHz; the clock advances 10 ms per frame, except one 500 ms gap before the fourth.
        var arrivals = new Queue<DateTimeOffset>([now, now.AddMilliseconds(10), now.AddMilliseconds(20), now.AddMilliseconds(530), now.AddMilliseconds(540)]);
        var resyncs = new List<(long Ms, DateTimeOffset At)>();
        var frames = Enumerable.Range(0, 5).Select(_ => new short[10]);

        await Source.From(frames)
            .Via(LiveFrames.ClockResync(1000, 100, TimeSpan.FromMilliseconds(250), () => arrivals.Dequeue(), (ms, at) => resyncs.Add((ms, at))))
            .RunWith(Sink.Ignore<short[]>(), Sys.Materializer());

        Assert.Equal([(100L, now), (130L, now.AddMilliseconds(530))], resyncs);
    }
}
