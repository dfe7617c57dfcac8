using Akka.Streams;
using Akka.Streams.Dsl;
using ActorVoice.Engine.Capture;
using ActorVoice.Faults;

namespace ActorVoice.Tests.Engine;

/// <summary>The capture fault stage (each fault kind, replay by seed) and the uplink's refusal of malformed frames.</summary>
public class CaptureFaultStageSpec : Akka.TestKit.Xunit2.TestKit
{
    private const int Rate = 24_000;
    private const int FrameSamples = 480; // 20 ms
    private readonly IMaterializer _materializer;

    public CaptureFaultStageSpec()
    {
        _materializer = Sys.Materializer();
    }

    private static FaultInjection Faults(string capture, int seed = 3) =>
        new(FaultPlan.Parse($"actorvoice.faults {{ enabled = on, seed = {seed}, capture {{ {capture} }} }}"));

    private static IEnumerable<short[]> Frames(int count) => Enumerable.Range(0, count).Select(_ => new short[FrameSamples]);

    private async Task<IReadOnlyList<short[]>> RunAsync(FaultInjection faults, int frames) =>
        await Source.From(Frames(frames)).Via(UplinkFlows.WithCaptureFaults(faults, Rate)).RunWith(Sink.Seq<short[]>(), _materializer);

    private static double Dbfs(short[] frame) =>
        20 * Math.Log10(Math.Sqrt(frame.Average(s => (double)s * s)) / short.MaxValue);

    [Fact]
    public async Task The_device_should_be_lost_after_the_configured_audio_with_a_clear_error()
    {
        var faults = Faults("device-lost-after = 200ms");
        var ex = await Assert.ThrowsAsync<InjectedFaultException>(() => RunAsync(faults, 50));
        Assert.Contains("capture device was lost after 200 ms", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, faults.Log.Counts[("capture", "device-lost")]);
    }

    [Fact]
    public async Task A_gap_should_drop_the_frames_of_its_length()
    {
        var faults = Faults("gap-rate = 1, gap = 100ms");
        var frames = await RunAsync(faults, 60);
        // Every kept frame is followed by a 100 ms gap (5 frames of 20 ms): one frame in six gets through.
        Assert.Equal(10, frames.Count);
        Assert.Equal(10, faults.Log.Counts[("capture", "gap")]);
    }

    [Fact]
    public async Task A_noise_burst_should_mix_noise_at_the_configured_level_for_its_length()
    {
        var faults = Faults("noise-burst-rate = 1, noise-burst = 200ms, noise-burst-dbfs = -20");
        var frames = await RunAsync(faults, 10);
        Assert.Equal(10, frames.Count);
        Assert.All(frames, f => Assert.InRange(Dbfs(f), -21.5, -18.5));
        Assert.Equal(1, faults.Log.Counts[("capture", "noise-burst")]);
    }

    [Fact]
    public async Task Corrupt_frames_should_be_refused_by_the_uplink_when_short_and_the_capture_should_go_on()
    {
        var faults = Faults("corrupt-frame-rate = 0.3");
        var refused = new List<string>();
        var frames = await Source.From(Frames(200))
            .Via(UplinkFlows.WithCaptureFaults(faults, Rate))
            .Via(UplinkFlows.RefuseMalformed(FrameSamples, refused.Add))
            .RunWith(Sink.Seq<short[]>(), _materializer);

        var corrupt = faults.Log.Counts[("capture", "corrupt-frame")];
        Assert.InRange(corrupt, 30, 90);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Contains($"expected {FrameSamples}", r, StringComparison.Ordinal));
        // Short frames are refused; full-scale garbage passes (it is valid PCM); nothing else is lost.
        Assert.Equal(200 - refused.Count, frames.Count);
        Assert.All(frames, f => Assert.Equal(FrameSamples, f.Length));
        Assert.Contains(frames, f => f.All(s => s is short.MaxValue or short.MinValue));
    }

    [Fact]
    public async Task The_same_seed_should_inject_the_same_faults_on_the_same_frames()
    {
        const string plan = "gap-rate = 0.05, gap = 60ms, corrupt-frame-rate = 0.05, noise-burst-rate = 0.05, noise-burst = 100ms";
        async Task<string> Pattern(int seed) => string.Join(',', (await RunAsync(Faults(plan, seed), 300)).Select(f => f.Length == 0 ? 0 : f.Sum(s => (long)s)));
        var first = await Pattern(5);
        Assert.Equal(first, await Pattern(5));
        Assert.NotEqual(first, await Pattern(6));
    }
}
