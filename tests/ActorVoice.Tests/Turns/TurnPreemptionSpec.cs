using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;
using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Tests.Turns;

/// <summary>
/// The turn side of answering before the final transcript (question closed by the local VAD, preemptive responses held
/// until confirmed) and of bridging, against probes for the socket, the speculator and playback, on virtual time.
/// </summary>
public class TurnPreemptionSpec : Akka.TestKit.Xunit2.TestKit
{
    private const string Question = "how many vacation days";

    private static readonly KnowledgeResult VacationResult = new(
        "how many vacation days do i get",
        [new KnowledgePassage("handbook/vacation.md", 1, "Vacation and Paid Leave > Days", "Every employee gets twenty-two paid vacation days per year.", 7.5)],
        null,
        TimeSpan.FromMilliseconds(3));

    private static readonly KnowledgeResult FilterResult = new("how do i reset the filter light", [], "Hold the filter button for three seconds.", TimeSpan.FromMilliseconds(3));

    private static readonly SpeculationStats Stats = new(2, 1, 1, 0, 40, false);

    /// <summary>The reference settings with bridging on (off by default).</summary>
    private static readonly EngineSettings Bridging = EngineSettings.Reference with
    {
        Answer = EngineSettings.Reference.Answer with { Bridge = true },
    };

    private readonly TestProbe _socket;
    private readonly TestProbe _speculator;
    private readonly TestProbe _playback;
    private readonly TestProbe _observer;
    private readonly TestProbe _parent;
    private IActorRef _turn = ActorRefs.Nobody;

    public TurnPreemptionSpec()
        : base(TestConfigs.TestSchedulerConfig)
    {
        _socket = CreateTestProbe("socket");
        _speculator = CreateTestProbe("speculator");
        _playback = CreateTestProbe("playback");
        _observer = CreateTestProbe("observer");
        _parent = CreateTestProbe("parent");
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private void Start(EngineSettings settings) =>
        _turn = _parent.ChildActorOf(TurnActor.Props(settings, _socket, _speculator, _playback, _observer));

    private void Server(ServerEvent e) => _turn.Tell(e);

    private async Task InStateAsync(string state) =>
        await _observer.FishForMessageAsync(m => m is TurnStateChanged s && s.State == state);

    private async Task<ClientEvent> SentAsync() => (await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event;

    /// <summary>The user speaks from 300 ms to 1500 ms of audio; the local VAD reports the end at 2000 ms (virtual time 0 = audio 0).</summary>
    private async Task SpeakUntilLocalEndAsync()
    {
        _turn.Tell(new TurnActor.BeginTurn("t1", TestActor));
        _turn.Tell(new CaptureActor.CaptureStarted(0, 3000, Clock.Now));
        await InStateAsync("listening");
        _turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStarted, 250, Clock.Now));
        Server(new SpeechStarted(300, "item_u"));
        await InStateAsync("user speaking");
        Clock.Advance(TimeSpan.FromMilliseconds(1000));
        Server(new InputAudioTranscriptionDelta("item_u", 0, Question));
        await _speculator.ExpectMsgAsync<SpeculatorActor.PartialSeen>();
        Clock.Advance(TimeSpan.FromMilliseconds(1000));
        _turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStopped, 1500, Clock.Now));
    }

    /// <summary>Speaks, answers the question closed with a preliminary result of job 7 and checks it is injected and requested at once.</summary>
    private async Task<string> PreemptAsync()
    {
        await SpeakUntilLocalEndAsync();
        var closed = await _speculator.ExpectMsgAsync<SpeculatorActor.QuestionClosed>();
        _turn.Tell(new SpeculatorActor.Preliminary(closed.TurnId, 7, VacationResult));
        var create = Assert.IsType<ConversationItemCreate>(await SentAsync());
        Assert.Equal("system", create.Item.Role);
        Assert.Contains("twenty-two paid vacation days", create.Item.Content![0].Text, StringComparison.Ordinal);
        Assert.NotNull(create.Item.Id);
        Assert.IsType<ResponseCreate>(await SentAsync());
        Server(new ResponseCreated(new RealtimeResponse("resp_p", RealtimeResponse.InProgress)));
        Server(new ResponseOutputAudioTranscriptDelta("resp_p", "item_p", 0, 0, "From Vacation: twenty-two days."));
        Server(new ResponseOutputAudioDelta("resp_p", "item_p", 0, 0, "AAAA"));
        return create.Item.Id!;
    }

    /// <summary>The server's VAD ends the turn and the final transcript arrives; returns the speculator's final request.</summary>
    private async Task<SpeculatorActor.FinalSeen> FinalTranscriptAsync(string transcript = "how many vacation days do i get")
    {
        Server(new SpeechStopped(1500, "item_u"));
        await InStateAsync("awaiting transcript");
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        Server(new InputAudioTranscriptionCompleted("item_u", 0, transcript));
        var final = await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>();
        await InStateAsync("retrieving");
        return final;
    }

    [Fact]
    public async Task The_local_end_of_speech_should_close_the_question_with_the_newest_partial()
    {
        Start(EngineSettings.Reference);
        await SpeakUntilLocalEndAsync();
        var closed = await _speculator.ExpectMsgAsync<SpeculatorActor.QuestionClosed>();
        Assert.Equal(Question, closed.Text);
        Assert.Equal(_turn, closed.ReplyTo);
    }

    [Fact]
    public async Task A_preliminary_result_should_be_requested_at_once_but_played_only_when_the_final_transcript_confirms_it()
    {
        Start(EngineSettings.Reference);
        await PreemptAsync();
        Server(new ResponseDone(new RealtimeResponse("resp_p", RealtimeResponse.Completed)));
        await _playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        var final = await FinalTranscriptAsync();
        Clock.Advance(TimeSpan.FromMilliseconds(50));
        _speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, Reused: true, Stats, JobId: 7));
        var play = await _playback.ExpectMsgAsync<PlaybackActor.Play>();
        Assert.Equal(("resp_p", "item_p"), (play.ResponseId, play.ItemId));
        await _playback.ExpectMsgAsync<PlaybackActor.EndOfResponse>(e => e.ItemId == "item_p");
        _playback.Reply(new PlaybackActor.PlaybackStarted("item_p", Clock.Now));
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_p", 1200, 1200, null, Stopped: false));

        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal("From Vacation: twenty-two days.", result.SpokenTranscript);
        Assert.Contains("twenty-two", result.Answer, StringComparison.Ordinal);
        Assert.Equal("handbook/vacation.md", result.TopDocument);
        Assert.Equal(650, result.Timeline.AnswerAudioMs);
        Assert.Equal(650, result.Timeline.FirstAudioMs);
        Assert.True(result.Timeline.AnswerAudioMs >= result.Timeline.TranscriptFinalMs);
        var names = result.Timeline.Marks.Select(m => m.Name).ToList();
        Assert.Equal(
            [
                TimelineMarks.SpeechStartLocal, TimelineMarks.SpeechStartService, TimelineMarks.Partial, TimelineMarks.SpeechEndLocal,
                TimelineMarks.SpeechEndService, TimelineMarks.QuestionClosed, TimelineMarks.AnswerReady, TimelineMarks.PreemptiveResponseCreate,
                TimelineMarks.FinalTranscript, TimelineMarks.AnswerReady, TimelineMarks.PreemptiveConfirmed, TimelineMarks.FirstAudio,
                TimelineMarks.FirstAnswerAudio, TimelineMarks.PlaybackStart, TimelineMarks.PlaybackEnd,
            ],
            names);
        Assert.Equal(-1250, result.Timeline.Marks[0].AtMs);
        Assert.Equal(Question, result.Timeline.Marks.Single(m => m.Name == TimelineMarks.Partial).Detail);
        await _socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task An_unconfirmed_preemptive_response_should_be_cancelled_deleted_and_dropped_and_the_ready_result_answered()
    {
        Start(EngineSettings.Reference);
        var systemItem = await PreemptAsync();
        var final = await FinalTranscriptAsync("how do i reset the filter light");
        _speculator.Reply(new SpeculatorActor.Ready(final.TurnId, FilterResult, Reused: false, Stats, JobId: 9));

        Assert.Equal(systemItem, Assert.IsType<ConversationItemDelete>(await SentAsync()).ItemId);
        Assert.Equal("resp_p", Assert.IsType<ResponseCancel>(await SentAsync()).ResponseId);
        Assert.Equal("resp_p", (await _playback.ExpectMsgAsync<PlaybackActor.Discard>()).ResponseId);
        // The answer waits until the cancelled response is done (one response at a time), whose item is then deleted.
        await _socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Server(new ResponseDone(new RealtimeResponse("resp_p", "cancelled")));
        Assert.Equal("item_p", Assert.IsType<ConversationItemDelete>(await SentAsync()).ItemId);
        var answer = Assert.IsType<ConversationItemCreate>(await SentAsync());
        Assert.Equal("Hold the filter button for three seconds.", answer.Item.Content![0].Text);
        Assert.IsType<ResponseCreate>(await SentAsync());

        Server(new ResponseCreated(new RealtimeResponse("resp_2", RealtimeResponse.InProgress)));
        Server(new ResponseOutputAudioDelta("resp_2", "item_2", 0, 0, "AAAA"));
        Assert.Equal("item_2", (await _playback.ExpectMsgAsync<PlaybackActor.Play>()).ItemId);
        Server(new ResponseDone(new RealtimeResponse("resp_2", RealtimeResponse.Completed)));
        await _playback.ExpectMsgAsync<PlaybackActor.EndOfResponse>(e => e.ItemId == "item_2");
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_2", 900, 900, null, Stopped: false));

        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal("Hold the filter button for three seconds.", result.Answer);
        Assert.Contains(result.Timeline.Marks, m => m.Name == TimelineMarks.PreemptiveDiscarded);
        Assert.DoesNotContain(result.Timeline.Marks, m => m.Name == TimelineMarks.PreemptiveConfirmed);
    }

    [Fact]
    public async Task Speech_before_the_final_transcript_should_discard_a_held_preemptive_response()
    {
        Start(EngineSettings.Reference);
        var systemItem = await PreemptAsync();
        Server(new SpeechStopped(1500, "item_u"));
        await InStateAsync("awaiting transcript");
        Server(new SpeechStarted(2100, "item_u2"));

        Assert.Equal(systemItem, Assert.IsType<ConversationItemDelete>(await SentAsync()).ItemId);
        Assert.Equal("resp_p", Assert.IsType<ResponseCancel>(await SentAsync()).ResponseId);
        Assert.Equal("resp_p", (await _playback.ExpectMsgAsync<PlaybackActor.Discard>()).ResponseId);
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Superseded, result.Outcome);
        Assert.Contains(result.Timeline.Marks, m => m.Name == TimelineMarks.PreemptiveDiscarded);
        await _playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Without_an_answer_by_bridge_after_a_bridge_should_play_and_the_answer_follow_it()
    {
        Start(Bridging);
        await SpeakUntilLocalEndAsync();
        var closed = await _speculator.ExpectMsgAsync<SpeculatorActor.QuestionClosed>();
        _turn.Tell(new SpeculatorActor.NoPreliminary(closed.TurnId));
        var final = await FinalTranscriptAsync();

        // End of speech at 1500 ms; bridge-after 800 ms: the bridge starts at 2300 ms.
        Clock.Advance(TimeSpan.FromMilliseconds(199));
        await _socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        var bridge = Assert.IsType<ConversationItemCreate>(await SentAsync());
        Assert.Equal(EngineSettings.Reference.Answer.BridgeText, bridge.Item.Content![0].Text);
        Assert.IsType<ResponseCreate>(await SentAsync());
        Server(new ResponseCreated(new RealtimeResponse("resp_b", RealtimeResponse.InProgress)));
        Server(new ResponseOutputAudioDelta("resp_b", "item_b", 0, 0, "AAAA"));
        Assert.Equal("item_b", (await _playback.ExpectMsgAsync<PlaybackActor.Play>()).ItemId);

        Clock.Advance(TimeSpan.FromMilliseconds(100));
        _speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, Reused: false, Stats, JobId: 4));
        await _socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Server(new ResponseDone(new RealtimeResponse("resp_b", RealtimeResponse.Completed)));
        await _playback.ExpectMsgAsync<PlaybackActor.EndOfResponse>(e => e.ItemId == "item_b");
        Assert.Contains("twenty-two", Assert.IsType<ConversationItemCreate>(await SentAsync()).Item.Content![0].Text, StringComparison.Ordinal);
        Assert.IsType<ResponseCreate>(await SentAsync());
        Server(new ResponseCreated(new RealtimeResponse("resp_a", RealtimeResponse.InProgress)));
        Server(new ResponseOutputAudioDelta("resp_a", "item_a", 0, 0, "AAAA"));
        Server(new ResponseDone(new RealtimeResponse("resp_a", RealtimeResponse.Completed)));
        await _playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        Clock.Advance(TimeSpan.FromMilliseconds(400));
        _turn.Tell(new PlaybackActor.PlaybackFinished("item_b", 700, 700, null, Stopped: false), _playback);
        Assert.Equal("item_a", (await _playback.ExpectMsgAsync<PlaybackActor.Play>()).ItemId);
        await _playback.ExpectMsgAsync<PlaybackActor.EndOfResponse>(e => e.ItemId == "item_a");
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 900, 900, null, Stopped: false));

        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal(800, result.Timeline.FirstAudioMs);
        Assert.Equal(1300, result.Timeline.AnswerAudioMs);
        Assert.Contains(result.Timeline.Marks, m => m.Name == TimelineMarks.BridgeStart && m.AtMs == 800);
        await _socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200)); // the bridge's items stay: the user heard it
    }

    [Fact]
    public async Task An_answer_ready_before_bridge_after_should_not_be_bridged()
    {
        Start(Bridging);
        await SpeakUntilLocalEndAsync();
        await _speculator.ExpectMsgAsync<SpeculatorActor.QuestionClosed>();
        var final = await FinalTranscriptAsync();
        _speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, Reused: true, Stats, JobId: 4));
        Assert.IsType<ConversationItemCreate>(await SentAsync());
        Assert.IsType<ResponseCreate>(await SentAsync());
        Clock.Advance(TimeSpan.FromSeconds(2));
        await _socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task With_speculation_off_there_should_be_no_closed_question_no_preemption_and_no_bridge()
    {
        Start(EngineSettings.Reference with { Speculation = EngineSettings.Reference.Speculation with { Enabled = false } });
        await SpeakUntilLocalEndAsync();
        await _speculator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        _turn.Tell(new SpeculatorActor.Preliminary(1, 7, VacationResult));
        await FinalTranscriptAsync();
        Clock.Advance(TimeSpan.FromSeconds(2));
        await _socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }
}
