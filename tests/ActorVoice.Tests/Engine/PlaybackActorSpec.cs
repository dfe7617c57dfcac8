using System.Threading.Channels;
using Akka.TestKit;
using Akka.TestKit.Configs;
using ActorVoice.Audio.Files;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Engine;

/// <summary>The playback controller over its playback stream, in virtual time.</summary>
public class PlaybackActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly Channel<AssistantAudio> _audio = Channel.CreateUnbounded<AssistantAudio>();

    public PlaybackActorSpec()
        : base(TestConfigs.TestSchedulerConfig)
    {
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private static short[] Samples(int ms) => new short[WireAudio.SampleRate / 1000 * ms].Select((_, i) => (short)(i % 100)).ToArray();

    private void Arrive(string responseId, string itemId, int ms) => _audio.Writer.TryWrite(AssistantAudio.Chunk(responseId, itemId, Samples(ms)));

    private void Done(string responseId) => _audio.Writer.TryWrite(AssistantAudio.End(responseId));

    [Fact]
    public async Task Playback_should_start_on_first_audio_and_finish_after_the_audio_duration_in_virtual_time()
    {
        var outDir = RepoPaths.TempFolder("playback");
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = outDir, Pace = Pace.Realtime }, _audio.Reader));
        Arrive("resp1", "item1", 500);
        playback.Tell(new PlaybackActor.Play("resp1", "item1", "answer"), TestActor);
        Arrive("resp1", "item1", 500);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>(m => m.ItemId == "item1");
        Done("resp1");
        playback.Tell(new PlaybackActor.EndOfResponse("item1"), TestActor);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromMilliseconds(900));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromMilliseconds(150));
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();

        Assert.Equal(1000, finished.ReceivedMs);
        Assert.Equal(1000, finished.PlayedMs);
        Assert.False(finished.Stopped);
        Assert.Equal(Path.Combine(outDir, "answer.wav"), finished.File);
        Assert.Equal(WireAudio.SampleRate, WavFile.LoadMono16(finished.File!, WireAudio.SampleRate).Length);
    }

    [Fact]
    public async Task Stop_should_end_playback_at_once_report_only_what_was_played_and_drop_late_audio()
    {
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Realtime }, _audio.Reader));
        Arrive("resp2", "item2", 2000);
        playback.Tell(new PlaybackActor.Play("resp2", "item2"), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>();
        // The playback stream reads the channel on its own thread: the 2000 ms have reached it before the user cuts in.
        await AwaitConditionAsync(() => Task.FromResult(_audio.Reader.Count == 0), TimeSpan.FromSeconds(5));
        Clock.Advance(TimeSpan.FromMilliseconds(700));
        playback.Tell(PlaybackActor.Stop.Instance, TestActor);
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();

        Assert.True(finished.Stopped);
        Assert.Equal(2000, finished.ReceivedMs);
        Assert.InRange(finished.PlayedMs, 680, 720);

        // Late audio of the stopped response is dropped: the next response counts only its own.
        Arrive("resp2", "item2", 500);
        Done("resp2");
        Arrive("resp3", "item3", 100);
        Done("resp3");
        playback.Tell(new PlaybackActor.Play("resp3", "item3"), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>(m => m.ItemId == "item3");
        playback.Tell(new PlaybackActor.EndOfResponse("item3"), TestActor);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(100, (await ExpectMsgAsync<PlaybackActor.PlaybackFinished>()).ReceivedMs);
    }

    [Fact]
    public async Task Fast_pace_should_count_audio_as_played_on_arrival()
    {
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Fast }, _audio.Reader));
        Arrive("resp3", "item3", 300);
        playback.Tell(new PlaybackActor.Play("resp3", "item3"), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>();
        Done("resp3");
        playback.Tell(new PlaybackActor.EndOfResponse("item3"), TestActor);
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();
        Assert.Equal(300, finished.PlayedMs);
        Assert.Equal(300, finished.ReceivedMs);
    }

    [Fact]
    public async Task Only_the_accepted_responses_audio_should_count()
    {
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Fast }, _audio.Reader));
        Arrive("cancelled", "itemX", 400);
        Arrive("resp4", "item4", 100);
        playback.Tell(new PlaybackActor.Play("resp4", "item4"), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>();
        Arrive("cancelled", "itemX", 400);
        Done("cancelled");
        Done("resp4");
        playback.Tell(new PlaybackActor.EndOfResponse("item4"), TestActor);
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();
        Assert.Equal("item4", finished.ItemId);
        Assert.Equal(100, finished.ReceivedMs);
    }

    [Fact]
    public async Task A_response_without_audio_should_report_an_empty_track()
    {
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Realtime }, _audio.Reader));
        playback.Tell(new PlaybackActor.EndOfResponse("item5"), TestActor);
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();
        Assert.Equal((0L, 0L, false), (finished.PlayedMs, finished.ReceivedMs, finished.Stopped));
    }
}
