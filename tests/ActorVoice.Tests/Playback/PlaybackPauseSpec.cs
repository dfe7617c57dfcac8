using System.Threading.Channels;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Live;
using ActorVoice.Engine.Playback;
using ActorVoice.Faults;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Tests.Live;

namespace ActorVoice.Tests.Playback;

/// <summary>Pause and resume, underruns and a lost end mark in the playback controller's accounting of played audio (virtual time).</summary>
public class PlaybackPauseSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly Channel<AssistantAudio> _audio = Channel.CreateUnbounded<AssistantAudio>();

    public PlaybackPauseSpec()
        : base(TestConfigs.TestSchedulerConfig)
    {
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private static PlaybackSettings Realtime => EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Realtime };

    /// <summary>The actor has handled what was sent so far (its clock readings happen before virtual time moves on).</summary>
    private static async Task SettledAsync(IActorRef actor) => await actor.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));

    private static short[] Samples(int ms) => new short[WireAudio.SampleRate / 1000 * ms];

    private async Task<IActorRef> PlayingAsync(int ms, FaultInjection? faults = null, bool end = true, IAudioOutput? output = null)
    {
        var playback = Sys.ActorOf(PlaybackActor.Props(Realtime, _audio.Reader, faults, output));
        playback.Tell(new PlaybackActor.Play("r1", "i1"), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>();
        await Task.Delay(100); // the device has accepted the track: its chunks are the track's
        _audio.Writer.TryWrite(AssistantAudio.Chunk("r1", "i1", Samples(ms)));
        if (end)
        {
            _audio.Writer.TryWrite(AssistantAudio.End("r1"));
        }

        // The playback stream reads the channel on its own thread: the audio has reached the device.
        await AwaitConditionAsync(() => Task.FromResult(_audio.Reader.Count == 0), TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        return playback;
    }

    [Fact]
    public async Task A_paused_track_should_play_on_after_resume_and_finish_late_by_the_pause()
    {
        var playback = await PlayingAsync(1000);
        playback.Tell(new PlaybackActor.EndOfResponse("i1"), TestActor);
        await SettledAsync(playback);
        Clock.Advance(TimeSpan.FromMilliseconds(400));
        playback.Tell(PlaybackActor.Pause.Instance);
        await SettledAsync(playback);
        Clock.Advance(TimeSpan.FromMilliseconds(2000));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        playback.Tell(PlaybackActor.Resume.Instance);
        await SettledAsync(playback);
        Clock.Advance(TimeSpan.FromMilliseconds(590));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromMilliseconds(20));
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();
        Assert.Equal((1000L, 1000L, false), (finished.PlayedMs, finished.ReceivedMs, finished.Stopped));
    }

    [Fact]
    public async Task A_live_output_should_be_paused_and_resumed_with_the_track_and_stopped_when_a_pause_ends_in_a_stop()
    {
        var speaker = new RecordingSpeaker();
        var playback = await PlayingAsync(3000, output: speaker);
        Clock.Advance(TimeSpan.FromMilliseconds(500));
        playback.Tell(PlaybackActor.Pause.Instance);
        Assert.NotNull(await speaker.WaitForAsync(c => c.Kind == "pause" && c.ResponseId == "r1", TimeSpan.FromSeconds(5)));
        playback.Tell(PlaybackActor.Resume.Instance);
        Assert.NotNull(await speaker.WaitForAsync(c => c.Kind == "resume" && c.ResponseId == "r1", TimeSpan.FromSeconds(5)));
        playback.Tell(PlaybackActor.Pause.Instance);
        await SettledAsync(playback);
        playback.Tell(PlaybackActor.Stop.Instance);
        await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();

        Assert.NotNull(await speaker.WaitForAsync(c => c.Kind == "stop" && c.ResponseId == "r1", TimeSpan.FromSeconds(5)));
        var kinds = speaker.Calls.Where(c => c.Kind != "write").Select(c => c.Kind).ToList();
        // All of its audio was written ahead of real time (end), yet the output is still told to pause, resume and stop.
        Assert.Equal(["start", "end", "pause", "resume", "pause", "stop"], kinds);
    }

    [Fact]
    public async Task Stop_while_paused_should_report_the_audio_played_before_the_pause()
    {
        var playback = await PlayingAsync(3000);
        Clock.Advance(TimeSpan.FromMilliseconds(700));
        playback.Tell(PlaybackActor.Pause.Instance);
        await SettledAsync(playback);
        Clock.Advance(TimeSpan.FromMilliseconds(1500));
        playback.Tell(PlaybackActor.Stop.Instance);
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();
        Assert.Equal((700L, 3000L, true), (finished.PlayedMs, finished.ReceivedMs, finished.Stopped));
    }

    [Fact]
    public async Task Starved_time_should_not_count_as_played_and_should_delay_the_end()
    {
        var faults = new FaultInjection(FaultPlan.Parse("actorvoice.faults { enabled = on, playback { underrun-rate = 1, underrun = 300ms } }"));
        var playback = await PlayingAsync(1000, faults);
        await AwaitAssertAsync(() => Assert.Equal(1, faults.Log.Counts.GetValueOrDefault(("playback", "underrun"))));
        await Task.Delay(100); // the underrun event reaches the actor
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        playback.Tell(PlaybackActor.Stop.Instance);
        // 200 ms elapsed, all of it starving before the first chunk: nothing was heard.
        Assert.Equal(0, (await ExpectMsgAsync<PlaybackActor.PlaybackFinished>()).PlayedMs);
    }

    [Fact]
    public async Task Seal_should_end_a_track_whose_end_mark_was_lost_once_its_audio_has_played()
    {
        var playback = await PlayingAsync(500, end: false);
        playback.Tell(new PlaybackActor.Seal("i1"), TestActor);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromMilliseconds(500));
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();
        Assert.Equal((500L, 500L), (finished.PlayedMs, finished.ReceivedMs));
    }
}
