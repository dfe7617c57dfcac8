using Akka.Actor;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Tests.Turns;

/// <summary>Never silence: every failure path of a turn ends with a spoken fallback (or, with no connection, a failure), on virtual time.</summary>
public class TurnFallbackSpec : TurnActorHarness
{
    [Fact]
    public async Task A_failing_knowledge_source_should_speak_the_fallback_and_end_the_turn_as_a_fallback_with_its_reason()
    {
        var final = await AskAsync();
        Speculator.Reply(new SpeculatorActor.Failed(final.TurnId, "index: injected failure", SpeculationStats.None));
        var result = await FallbackSpokenAsync();
        Assert.Equal(TurnOutcome.Fallback, result.Outcome);
        Assert.Equal("knowledge source failed: index: injected failure", result.FallbackReason);
        Assert.Equal(Settings.Turn.FallbackText, result.Answer);
    }

    [Fact]
    public async Task A_transcription_failed_because_the_server_was_busy_should_be_a_fallback_not_a_request_to_repeat()
    {
        Turn.Tell(new TurnActor.BeginTurn("t1", TestActor));
        Turn.Tell(new CaptureActor.CaptureStarted(0, 3000, Clock.Now));
        await InStateAsync("listening");
        Server(new SpeechStarted(300, "item_u"));
        Server(new SpeechStopped(1500, "item_u"));
        await InStateAsync("awaiting transcript");
        Server(new InputAudioTranscriptionFailed("item_u", 0, new RealtimeError("transcription_error", "Transcription failed: busy") { Code = "server_busy" }));

        var result = await FallbackSpokenAsync();

        Assert.Equal(TurnOutcome.Fallback, result.Outcome);
        Assert.Contains("too busy", result.FallbackReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_knowledge_source_that_never_answers_should_be_caught_by_the_deadline_and_spoken_as_a_fallback()
    {
        await AskAsync();
        await InStateAsync("retrieving");
        await SettledAsync();
        Clock.Advance(Settings.Speculation.Deadline + TimeSpan.FromSeconds(1));
        var result = await FallbackSpokenAsync();
        Assert.Equal(TurnOutcome.Fallback, result.Outcome);
        Assert.Equal("retrieval took too long", result.FallbackReason);
    }

    [Fact]
    public async Task A_part_failing_before_the_answer_should_be_spoken_as_a_fallback_but_a_lost_connection_should_fail_in_silence()
    {
        await AskAsync();
        Turn.Tell(new TurnActor.Abort("speculation failed: boom"));
        Assert.Equal("speculation failed: boom", (await FallbackSpokenAsync()).FallbackReason);

        await AskAsync();
        Turn.Tell(new TurnActor.Abort("the connection was lost"));
        var failed = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Failed, failed.Outcome);
        Assert.Equal("the connection was lost", failed.Error);
        await Socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Playback_failing_during_the_answer_should_stop_it_truncate_to_what_was_heard_and_speak_the_fallback()
    {
        await AnswerAndPlayAsync();
        Playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 800, 2000, null, Stopped: true, DeviceError: "the playback device failed (injected fault)"));
        Assert.Equal("resp_1", (await SentAsync<ResponseCancel>()).ResponseId);
        Assert.Equal(800, (await SentAsync<ConversationItemTruncate>()).AudioEndMs);
        var result = await FallbackSpokenAsync();
        Assert.Equal(TurnOutcome.Fallback, result.Outcome);
        Assert.StartsWith("playback failed", result.FallbackReason, StringComparison.Ordinal);

        // The session's Abort for the same failure comes later and changes nothing.
        Turn.Tell(new TurnActor.Abort("playback failed: the playback device failed"));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_fresh_turn_actor_told_to_speak_the_fallback_should_answer_the_turn_with_it()
    {
        Turn.Tell(new TurnActor.SpeakFallback("t7", TestActor, "the turn failed: crash", 7));
        var result = await FallbackSpokenAsync();
        Assert.Equal("t7", result.Label);
        Assert.Equal(7, result.TurnNumber);
        Assert.Equal(TurnOutcome.Fallback, result.Outcome);
        Assert.Equal("the turn failed: crash", result.FallbackReason);
    }

    [Fact]
    public async Task A_response_that_ends_incomplete_should_be_asked_for_again_once_then_answered()
    {
        await AnswerAndPlayAsync();
        Server(new ResponseDone(new RealtimeResponse("resp_1", RealtimeResponse.Incomplete)));
        await Playback.FishForMessageAsync(m => m is PlaybackActor.EndOfResponse);
        Playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 900, 900, null, false));

        // Asked again: the answer re-injected and response.create.
        var again = await SentAsync<ConversationItemCreate>();
        Assert.Contains("twenty-two", again.Item.Content![0].Text, StringComparison.Ordinal);
        await SentAsync<ResponseCreate>();
        Server(new ResponseOutputAudioDelta("resp_2", "item_b", 0, 0, "AAAA"));
        await Playback.FishForMessageAsync(m => m is PlaybackActor.Play p && p.ItemId == "item_b");
        Server(new ResponseDone(new RealtimeResponse("resp_2", RealtimeResponse.Completed)));
        await Playback.FishForMessageAsync(m => m is PlaybackActor.EndOfResponse e && e.ItemId == "item_b");
        Playback.Reply(new PlaybackActor.PlaybackFinished("item_b", 3000, 3000, null, false));
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Contains(result.Timeline.Marks, m => m.Name == TimelineMarks.ResponseRetry);
    }

    [Fact]
    public async Task A_response_that_fails_twice_should_end_with_the_fallback()
    {
        var final = await AskAsync();
        Speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, Reused: false, SpeculationStats.None));
        await SentAsync<ResponseCreate>();
        Server(new ResponseDone(new RealtimeResponse("resp_1", RealtimeResponse.Failed)));
        await SentAsync<ResponseCreate>();
        Server(new ResponseDone(new RealtimeResponse("resp_2", RealtimeResponse.Failed)));
        var result = await FallbackSpokenAsync();
        Assert.Equal(TurnOutcome.Fallback, result.Outcome);
        Assert.Equal("the response ended failed", result.FallbackReason);
    }

    [Fact]
    public async Task A_lost_response_done_should_end_the_turn_once_the_received_audio_played_and_nothing_came_for_the_idle_time()
    {
        await AnswerAndPlayAsync();
        await SettledAsync();
        Clock.Advance(Settings.Turn.ResponseIdleTimeout - TimeSpan.FromMilliseconds(10));
        await Playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        await SettledAsync();
        Clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal("item_a", (await Playback.ExpectMsgAsync<PlaybackActor.Seal>()).ItemId);
        Playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 2500, 2500, null, false));
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal(2500, result.AudioPlayedMs);
    }

    [Fact]
    public async Task No_audio_within_the_response_timeout_should_speak_the_fallback_and_a_silent_fallback_should_end_the_turn()
    {
        var final = await AskAsync();
        Speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, Reused: false, SpeculationStats.None));
        await SentAsync<ResponseCreate>();
        await SettledAsync();
        Clock.Advance(Settings.Turn.ResponseTimeout);
        var notice = await SentAsync<ConversationItemCreate>();
        Assert.Equal(Settings.Turn.FallbackText, notice.Item.Content![0].Text);
        await SentAsync<ResponseCreate>();
        await SettledAsync();
        Clock.Advance(Settings.Turn.ResponseTimeout);
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Fallback, result.Outcome);
        Assert.Equal("no assistant audio arrived", result.FallbackReason);
    }
}
