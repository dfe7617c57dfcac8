using System.Threading.Channels;
using Akka.TestKit.Configs;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Tests.Playback;

/// <summary><see cref="PlaybackActor.Discard"/>: a response that must not be heard (an unconfirmed preemptive answer).</summary>
public class PlaybackDiscardSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly Channel<AssistantAudio> _audio = Channel.CreateUnbounded<AssistantAudio>();

    public PlaybackDiscardSpec()
        : base(TestConfigs.TestSchedulerConfig)
    {
    }

    private static short[] Samples(int ms) => new short[WireAudio.SampleRate / 1000 * ms];

    [Fact]
    public async Task Discarding_a_held_response_should_leave_the_next_accepted_response_alone()
    {
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Fast }, _audio.Reader));
        _audio.Writer.TryWrite(AssistantAudio.Chunk("held", "item_h", Samples(400)));
        playback.Tell(new PlaybackActor.Discard("held"), TestActor);
        _audio.Writer.TryWrite(AssistantAudio.Chunk("held", "item_h", Samples(400)));
        _audio.Writer.TryWrite(AssistantAudio.End("held"));
        _audio.Writer.TryWrite(AssistantAudio.Chunk("answer", "item_a", Samples(100)));
        _audio.Writer.TryWrite(AssistantAudio.End("answer"));
        playback.Tell(new PlaybackActor.Play("answer", "item_a"), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>(m => m.ItemId == "item_a");
        playback.Tell(new PlaybackActor.EndOfResponse("item_a"), TestActor);
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();
        Assert.Equal(("item_a", 100L), (finished.ItemId, finished.ReceivedMs));
    }

    [Fact]
    public async Task Discarding_the_playing_response_should_stop_it()
    {
        var playback = Sys.ActorOf(PlaybackActor.Props(EngineSettings.Reference.Playback with { OutputDir = string.Empty, Pace = Pace.Realtime }, _audio.Reader));
        _audio.Writer.TryWrite(AssistantAudio.Chunk("resp", "item", Samples(2000)));
        playback.Tell(new PlaybackActor.Play("resp", "item"), TestActor);
        await ExpectMsgAsync<PlaybackActor.PlaybackStarted>();
        playback.Tell(new PlaybackActor.Discard("resp"), TestActor);
        var finished = await ExpectMsgAsync<PlaybackActor.PlaybackFinished>();
        Assert.True(finished.Stopped);
        Assert.Equal(0, finished.PlayedMs);
    }
}
