using Akka.Actor;
using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Tests.Turns;

/// <summary>Barge-in pauses the answer; no words within turn.false-interruption-timeout resume it, words interrupt it (virtual time).</summary>
public class FalseInterruptionSpec : TurnActorHarness
{
    private async Task<TurnResult> FinishAnswerAsync()
    {
        Server(new ResponseDone(new RealtimeResponse("resp_1", RealtimeResponse.Completed)));
        await Playback.FishForMessageAsync(m => m is PlaybackActor.EndOfResponse);
        Playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 3000, 3000, null, false));
        return await ExpectMsgAsync<TurnResult>();
    }

    [Fact]
    public async Task A_cough_heard_by_the_local_vad_should_pause_at_once_and_resume_the_same_answer_when_no_words_follow()
    {
        await AnswerAndPlayAsync();
        await SettledAsync();
        Clock.Advance(TimeSpan.FromMilliseconds(700));
        Turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStarted, 2600, Clock.Now));
        await Playback.ExpectMsgAsync<PlaybackActor.Pause>();
        Turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStopped, 2900, Clock.Now));
        await SettledAsync();

        await SettledAsync();

        Clock.Advance(Settings.Turn.FalseInterruptionTimeout - TimeSpan.FromMilliseconds(10));
        await Playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        await SettledAsync();
        Clock.Advance(TimeSpan.FromMilliseconds(10));
        await Playback.ExpectMsgAsync<PlaybackActor.Resume>();
        // Nothing was cancelled nor truncated: the response goes on.
        await Socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        var result = await FinishAnswerAsync();
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal(1, result.FalseInterruptions);
        Assert.Null(result.BargeIn);
        Assert.Contains(result.Timeline.Marks, m => m.Name == TimelineMarks.BargeInPaused);
        Assert.Contains(result.Timeline.Marks, m => m.Name == TimelineMarks.BargeInResumed);
    }

    [Fact]
    public async Task Words_after_the_pause_should_cancel_the_answer_and_truncate_it_to_the_audio_played_before_the_pause()
    {
        await AnswerAndPlayAsync();
        Server(new SpeechStarted(2400, "item_v"));
        await SettledAsync();
        Clock.Advance(Settings.Turn.BargeInMinSpeech);
        await Playback.ExpectMsgAsync<PlaybackActor.Pause>();
        await Socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        await SettledAsync();

        Clock.Advance(TimeSpan.FromMilliseconds(400));
        Server(new InputAudioTranscriptionDelta("item_v", 0, "what about"));
        await Playback.ExpectMsgAsync<PlaybackActor.Stop>();
        Assert.Equal("resp_1", (await SentAsync<ResponseCancel>()).ResponseId);
        Playback.Reply(new PlaybackActor.PlaybackFinished("item_a", PlayedMs: 650, ReceivedMs: 3000, File: null, Stopped: true));
        var truncate = await SentAsync<ConversationItemTruncate>();
        Assert.Equal(650, truncate.AudioEndMs);

        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Interrupted, result.Outcome);
        Assert.Equal(0, result.FalseInterruptions);
        Assert.Equal("server-vad", result.BargeIn!.DetectedBy);
        Assert.Equal(650, result.BargeIn.TruncatedMs);
        Assert.Equal(0, result.BargeIn.SilentAfterMs); // silent from the pause, not from the words

        // The words are the next turn.
        Server(new SpeechStopped(3500, "item_v"));
        Server(new InputAudioTranscriptionCompleted("item_v", 0, "what about sick leave"));
        var final = (SpeculatorActor.FinalSeen)await Speculator.FishForMessageAsync(m => m is SpeculatorActor.FinalSeen);
        Assert.Equal("what about sick leave", final.Transcript);
    }

    [Fact]
    public async Task A_backchannel_or_an_empty_transcript_during_the_pause_should_resume_at_once()
    {
        await AnswerAndPlayAsync();
        Server(new SpeechStarted(2400, "item_ok"));
        await SettledAsync();
        Clock.Advance(Settings.Turn.BargeInMinSpeech);
        await Playback.ExpectMsgAsync<PlaybackActor.Pause>();
        Server(new SpeechStopped(2900, "item_ok"));
        Server(new InputAudioTranscriptionDelta("item_ok", 0, "uh"));   // the start of "uh huh": no words yet
        await Playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Server(new InputAudioTranscriptionCompleted("item_ok", 0, "uh huh"));
        await Playback.ExpectMsgAsync<PlaybackActor.Resume>();

        // A second sound, transcribed as nothing.
        Turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStarted, 4000, Clock.Now));
        await Playback.ExpectMsgAsync<PlaybackActor.Pause>();
        Server(new SpeechStarted(3900, "item_door"));
        Server(new SpeechStopped(4300, "item_door"));
        Server(new InputAudioTranscriptionCompleted("item_door", 0, ""));
        await Playback.ExpectMsgAsync<PlaybackActor.Resume>();

        var result = await FinishAnswerAsync();
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal(2, result.FalseInterruptions);
    }

    [Fact]
    public async Task Speech_still_going_when_the_timeout_passes_should_keep_the_answer_paused_until_its_words_decide()
    {
        await AnswerAndPlayAsync();
        Turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStarted, 2600, Clock.Now));
        await Playback.ExpectMsgAsync<PlaybackActor.Pause>();
        await SettledAsync();
        Clock.Advance(Settings.Turn.FalseInterruptionTimeout);
        await Playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Server(new SpeechStarted(2400, "item_long"));
        Server(new SpeechStopped(5000, "item_long"));
        Server(new InputAudioTranscriptionCompleted("item_long", 0, "can i carry days over to next year"));
        await Playback.ExpectMsgAsync<PlaybackActor.Stop>();
        Playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 0, 3000, null, true));
        Assert.Equal(TurnOutcome.Interrupted, (await ExpectMsgAsync<TurnResult>()).Outcome);
    }

    [Fact]
    public async Task Late_words_of_a_speech_the_answer_resumed_over_should_still_interrupt_it()
    {
        await AnswerAndPlayAsync();
        Server(new SpeechStarted(2400, "item_late"));
        await SettledAsync();
        Clock.Advance(Settings.Turn.BargeInMinSpeech);
        await Playback.ExpectMsgAsync<PlaybackActor.Pause>();
        Server(new SpeechStopped(2800, "item_late"));
        await SettledAsync();
        Clock.Advance(Settings.Turn.FalseInterruptionTimeout);
        await Playback.ExpectMsgAsync<PlaybackActor.Resume>();
        Server(new InputAudioTranscriptionCompleted("item_late", 0, "stop please"));
        await Playback.ExpectMsgAsync<PlaybackActor.Stop>();
        Playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 1200, 3000, null, true));
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Interrupted, result.Outcome);
        Assert.Equal(1, result.FalseInterruptions);
    }

    [Fact]
    public async Task With_barge_in_off_user_speech_should_neither_pause_nor_stop_the_answer()
    {
        Start(Settings with { Turn = Settings.Turn with { BargeIn = false } });
        await AnswerAndPlayAsync();
        Turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStarted, 2600, Clock.Now));
        Server(new SpeechStarted(2400, "item_x"));
        await SettledAsync();
        Clock.Advance(TimeSpan.FromSeconds(2));
        await Playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(TurnOutcome.Answered, (await FinishAnswerAsync()).Outcome);
    }
}
