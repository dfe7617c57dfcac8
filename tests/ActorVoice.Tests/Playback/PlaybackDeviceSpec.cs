using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using ActorVoice.Audio.Files;
using ActorVoice.Engine.Playback;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Playback;

/// <summary>The playback device stage driven by a source probe; every test checks that the stream's stages stop.</summary>
public class PlaybackDeviceSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly IMaterializer _materializer;

    public PlaybackDeviceSpec()
    {
        _materializer = Sys.Materializer();
    }

    private static short[] Samples(int ms) => new short[WireAudio.SampleRate / 1000 * ms];

    [Fact]
    public async Task Audio_arriving_before_acceptance_should_be_kept_and_written_when_released()
    {
        await this.AssertAllStagesStoppedAsync(async () =>
        {
            var events = CreateTestProbe();
            var (audio, device) = this.SourceProbe<AssistantAudio>()
                .ToMaterialized(PlaybackDevice.Sink(e => events.Ref.Tell(e, Akka.Actor.ActorRefs.NoSender)), Keep.Both)
                .Run(_materializer);
            audio.SendNext(AssistantAudio.Chunk("r1", "i1", Samples(200)));
            device.Accept("r1");
            audio.SendNext(AssistantAudio.Chunk("r1", "i1", Samples(300)));
            audio.SendNext(AssistantAudio.End("r1"));
            Assert.Equal(new TrackEnded("r1", 500), await events.ExpectMsgAsync<TrackEnded>());

            var wav = Path.Combine(RepoPaths.TempFolder("device"), "r1.wav");
            device.Release("r1", playedMs: null, wav);
            var released = await events.ExpectMsgAsync<TrackReleased>();
            Assert.Equal((500L, 500L, wav), (released.PlayedMs, released.ReceivedMs, released.File));
            Assert.Equal(WireAudio.SampleRate / 2, WavFile.LoadMono16(wav, WireAudio.SampleRate).Length);
            audio.SendComplete();
        }, _materializer);
    }

    [Fact]
    public async Task A_released_track_should_keep_only_what_was_played_and_drop_its_late_audio()
    {
        await this.AssertAllStagesStoppedAsync(async () =>
        {
            var events = CreateTestProbe();
            var (audio, device) = this.SourceProbe<AssistantAudio>()
                .ToMaterialized(PlaybackDevice.Sink(e => events.Ref.Tell(e, Akka.Actor.ActorRefs.NoSender)), Keep.Both)
                .Run(_materializer);
            device.Accept("r1");
            audio.SendNext(AssistantAudio.Chunk("r1", "i1", Samples(1000)));
            audio.SendNext(AssistantAudio.End("r1"));
            Assert.Equal(new TrackEnded("r1", 1000), await events.ExpectMsgAsync<TrackEnded>());
            device.Release("r1", playedMs: 400, wavPath: null);
            var released = await events.ExpectMsgAsync<TrackReleased>();
            Assert.Equal((400L, 1000L, (string?)null), (released.PlayedMs, released.ReceivedMs, released.File));

            // Late chunks of r1 are dropped; r2's audio counts alone.
            audio.SendNext(AssistantAudio.Chunk("r1", "i1", Samples(500)));
            audio.SendNext(AssistantAudio.Chunk("r2", "i2", Samples(100)));
            device.Accept("r1");
            device.Accept("r2");
            audio.SendNext(AssistantAudio.End("r2"));
            Assert.Equal(new TrackEnded("r2", 100), await events.ExpectMsgAsync<TrackEnded>());
            await events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
            audio.SendComplete();
        }, _materializer);
    }

    [Fact]
    public async Task The_device_should_stop_when_its_source_fails()
    {
        await this.AssertAllStagesStoppedAsync(async () =>
        {
            var (audio, _) = this.SourceProbe<AssistantAudio>()
                .ToMaterialized(PlaybackDevice.Sink(_ => { }), Keep.Both)
                .Run(_materializer);
            await audio.ExpectRequestAsync();
            audio.SendError(new IOException("socket gone"));
        }, _materializer);
    }
}
