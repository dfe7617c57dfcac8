using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using ActorVoice.Engine.Playback;
using ActorVoice.Faults;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Tests.Playback;

/// <summary>Playback faults injected by the device stage: underruns reported per chunk, device errors that fail the stage, replay by seed.</summary>
public class PlaybackFaultsSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly IMaterializer _materializer;

    public PlaybackFaultsSpec()
    {
        _materializer = Sys.Materializer();
    }

    private static short[] Samples(int ms) => new short[WireAudio.SampleRate / 1000 * ms];

    private static FaultInjection Faults(string playback, int seed = 9) =>
        new(FaultPlan.Parse($"actorvoice.faults {{ enabled = on, seed = {seed}, playback {{ {playback} }} }}"));

    [Fact]
    public async Task Underruns_should_be_reported_before_the_chunk_at_its_position_in_the_track()
    {
        var faults = Faults("underrun-rate = 1, underrun = 150ms");
        var events = CreateTestProbe();
        var (audio, device) = this.SourceProbe<AssistantAudio>()
            .ToMaterialized(PlaybackDevice.Sink(e => events.Ref.Tell(e, Akka.Actor.ActorRefs.NoSender), faults), Keep.Both)
            .Run(_materializer);
        device.Accept("r1");
        audio.SendNext(AssistantAudio.Chunk("r1", "i1", Samples(100)));
        audio.SendNext(AssistantAudio.Chunk("r1", "i1", Samples(100)));
        audio.SendNext(AssistantAudio.End("r1"));
        Assert.Equal(new TrackUnderrun("r1", 0, 150), await events.ExpectMsgAsync<TrackUnderrun>());
        Assert.Equal(new TrackUnderrun("r1", 100, 150), await events.ExpectMsgAsync<TrackUnderrun>());
        Assert.Equal(new TrackEnded("r1", 200), await events.ExpectMsgAsync<TrackEnded>());
        Assert.Equal(2, faults.Log.Counts[("playback", "underrun")]);
        audio.SendComplete();
    }

    [Fact]
    public async Task A_device_error_should_report_what_the_track_received_and_fail_the_stage()
    {
        var faults = Faults("device-error-rate = 1");
        var events = CreateTestProbe();
        var (audio, device) = this.SourceProbe<AssistantAudio>()
            .ToMaterialized(PlaybackDevice.Sink(e => events.Ref.Tell(e, Akka.Actor.ActorRefs.NoSender), faults), Keep.Both)
            .Run(_materializer);
        device.Accept("r1");
        for (var i = 0; i < 10; i++)
        {
            audio.SendNext(AssistantAudio.Chunk("r1", "i1", Samples(100)));
        }

        var failed = await events.ExpectMsgAsync<DeviceFailed>();
        Assert.Equal("r1", failed.ResponseId);
        Assert.InRange(failed.ReceivedMs, 100, 800);
        Assert.Equal(1, faults.Log.Counts[("playback", "device-error")]);
        await audio.ExpectCancellationAsync();
    }

    [Fact]
    public async Task The_same_seed_should_starve_the_device_before_the_same_chunks()
    {
        async Task<string> Pattern(int seed)
        {
            var events = CreateTestProbe();
            var (audio, device) = this.SourceProbe<AssistantAudio>()
                .ToMaterialized(PlaybackDevice.Sink(e => events.Ref.Tell(e, Akka.Actor.ActorRefs.NoSender), Faults("underrun-rate = 0.3, underrun = 50ms", seed)), Keep.Both)
                .Run(_materializer);
            device.Accept("r1");
            for (var i = 0; i < 30; i++)
            {
                audio.SendNext(AssistantAudio.Chunk("r1", "i1", Samples(20)));
            }

            audio.SendNext(AssistantAudio.End("r1"));
            var positions = new List<long>();
            while (await events.ExpectMsgAsync<PlaybackDeviceEvent>() is TrackUnderrun underrun)
            {
                positions.Add(underrun.AtMs);
            }

            audio.SendComplete();
            return string.Join(',', positions);
        }

        var first = await Pattern(4);
        Assert.NotEmpty(first);
        Assert.Equal(first, await Pattern(4));
        Assert.NotEqual(first, await Pattern(5));
    }
}
