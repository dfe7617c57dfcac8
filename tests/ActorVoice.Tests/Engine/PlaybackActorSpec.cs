using Akka.TestKit;
using Akka.TestKit.Configs;
using ActorVoice.Audio.Pcm;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Engine;

public class PlaybackActorSpec : Akka.TestKit.Xunit2.TestKit
{
    public PlaybackActorSpec()
        : base(TestConfigs.TestSchedulerConfig)
    {
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private static string Chunk(int ms) => Pcm16.ToBase64(new short[24 * ms].Select((_, i) => (short)(i % 100)).ToArray());

    [Fact]
    public async Task Playback_should_start_on_first_audio_and_finish_after_the_audio_duration_in_virtual_time()
    {
        var outDir = RepoPaths.TempFolder("playback");
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = outDir, Pace = Pace.Realtime }));
        playback.Tell(new PlaybackActor.Play("item1", Chunk(500), "answer"), TestActor);
        playback.Tell(new PlaybackActor.Play("item1", Chunk(500), "answer"), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>(m => m.ItemId == "item1");
        playback.Tell(new PlaybackActor.EndOfResponse("item1"), TestActor);

        Clock.Advance(TimeSpan.FromMilliseconds(900));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromMilliseconds(150));
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();

        Assert.Equal(1000, finished.ReceivedMs);
        Assert.Equal(1000, finished.PlayedMs);
        Assert.False(finished.Stopped);
        Assert.NotNull(finished.File);
        Assert.Equal(24000, ActorVoice.Audio.Files.WavFile.LoadMono16(finished.File!, 24000).Length);
    }

    [Fact]
    public async Task Stop_should_end_playback_at_once_and_report_only_what_was_played()
    {
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Realtime }));
        playback.Tell(new PlaybackActor.Play("item2", Chunk(2000)), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>();
        Clock.Advance(TimeSpan.FromMilliseconds(700));
        playback.Tell(PlaybackActor.Stop.Instance, TestActor);
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();

        Assert.True(finished.Stopped);
        Assert.Equal(2000, finished.ReceivedMs);
        Assert.InRange(finished.PlayedMs, 680, 720);
    }

    [Fact]
    public async Task Fast_pace_should_count_audio_as_played_on_arrival()
    {
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Fast }));
        playback.Tell(new PlaybackActor.Play("item3", Chunk(300)), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>();
        playback.Tell(new PlaybackActor.EndOfResponse("item3"), TestActor);
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();
        Assert.Equal(300, finished.PlayedMs);
    }

    [Fact]
    public async Task Undecodable_audio_should_be_dropped_without_stopping_playback()
    {
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Fast }));
        playback.Tell(new PlaybackActor.Play("item4", "***not base64***"), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>();
        playback.Tell(new PlaybackActor.Play("item4", Chunk(100)), TestActor);
        playback.Tell(new PlaybackActor.EndOfResponse("item4"), TestActor);
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();
        Assert.Equal(100, finished.ReceivedMs);
    }
}
