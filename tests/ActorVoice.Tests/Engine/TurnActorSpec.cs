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

namespace ActorVoice.Tests.Engine;

/// <summary>The turn state machine driven by a scripted realtime peer, on virtual time, covering the races of turn-taking.</summary>
public class TurnActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly KnowledgeResult VacationResult = new(
        "how many vacation days do i get",
        [new KnowledgePassage("handbook/vacation.md", 1, "Vacation and Paid Leave > Days", "Every employee gets twenty-two paid vacation days per year.", 7.5)],
        null,
        TimeSpan.FromMilliseconds(3));

    /// <summary>
    /// The reference settings without preemptive answers, bridging and false-interruption pauses, so that these tests
    /// keep testing the classic turn (barge-in stops at once; the pause is tested in Turns/FalseInterruptionSpec).
    /// </summary>
    private static readonly EngineSettings Classic = EngineSettings.Reference with
    {
        Answer = EngineSettings.Reference.Answer with { Preemptive = false, Bridge = false },
        Turn = EngineSettings.Reference.Turn with { FalseInterruptionTimeout = TimeSpan.Zero },
    };

    private readonly TestProbe _socket;
    private readonly TestProbe _speculator;
    private readonly TestProbe _playback;
    private readonly TestProbe _observer;
    private readonly TestProbe _parent;
    private IActorRef _turn = ActorRefs.Nobody;

    public TurnActorSpec()
        : base(TestConfigs.TestSchedulerConfig)
    {
        _socket = CreateTestProbe("socket");
        _speculator = CreateTestProbe("speculator");
        _playback = CreateTestProbe("playback");
        _observer = CreateTestProbe("observer");
        _parent = CreateTestProbe("parent");
        Start(Classic);
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private void Start(EngineSettings settings) =>
        _turn = _parent.ChildActorOf(TurnActor.Props(settings, _socket, _speculator, _playback, _observer));

    private void Server(ServerEvent e) => _turn.Tell(e);

    /// <summary>Waits until the turn actor has reached <paramref name="state"/>, so virtual time is advanced only after it acted.</summary>
    private async Task InStateAsync(string state) =>
        await _observer.FishForMessageAsync(m => m is TurnStateChanged s && s.State == state);

    private async Task SpeakAsync(string itemId, string transcript, TurnActor.Interrupt? interrupt = null)
    {
        _turn.Tell(new TurnActor.BeginTurn("t1", TestActor, interrupt));
        _turn.Tell(new CaptureActor.CaptureStarted(0, 3000, Clock.Now));
        await InStateAsync("listening");
        Server(new SpeechStarted(300, itemId));
        Server(new InputAudioTranscriptionDelta(itemId, 0, "how many"));
        var partial = (PartialTranscript)await _observer.FishForMessageAsync(m => m is PartialTranscript);
        Assert.Equal("how many", partial.Text);
        Assert.Equal("how many", (await _speculator.ExpectMsgAsync<SpeculatorActor.PartialSeen>()).Text);
        Clock.Advance(TimeSpan.FromMilliseconds(2000));
        Server(new SpeechStopped(1500, itemId));
        await InStateAsync("awaiting transcript");
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        Server(new InputAudioTranscriptionCompleted(itemId, 0, transcript));
        var final = (FinalTranscript)await _observer.FishForMessageAsync(m => m is FinalTranscript);
        Assert.Equal(transcript.Trim(), final.Text);
    }

    /// <summary>Runs a turn up to the first audio being played; returns the speculator's final request.</summary>
    private async Task AnswerAndPlayAsync(TurnActor.Interrupt? interrupt = null)
    {
        await SpeakAsync("item_u", "how many vacation days do i get", interrupt);
        var final = await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>();
        await InStateAsync("retrieving");
        _speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, Reused: true, new SpeculationStats(2, 1, 1, 0, 40, false)));
        Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.IsType<ResponseCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        await InStateAsync("answering");
        Server(new ResponseCreated(new RealtimeResponse("resp_1", RealtimeResponse.InProgress)));
        Server(new ResponseOutputAudioTranscriptDelta("resp_1", "item_a", 0, 0, "From Vacation: every employee gets twenty-two days."));
        Server(new ResponseOutputAudioDelta("resp_1", "item_a", 0, 0, "AAAA"));
        await _playback.ExpectMsgAsync<PlaybackActor.Play>(p => p.ItemId == "item_a");
        _playback.Reply(new PlaybackActor.PlaybackStarted("item_a", Clock.Now));

        // The turn has handled PlaybackStarted (and started its timers) before a test moves virtual time on.
        await _turn.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_full_turn_should_retrieve_inject_the_answer_play_it_and_report_the_timeline()
    {
        await SpeakAsync("item_u", "how many vacation days do i get");
        var final = await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>();
        Assert.Equal("how many vacation days do i get", final.Transcript);
        await InStateAsync("retrieving");
        Clock.Advance(TimeSpan.FromMilliseconds(50));
        _speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, Reused: true, new SpeculationStats(2, 1, 1, 0, 40, false)));

        var create = Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Equal("system", create.Item.Role);
        Assert.Contains("twenty-two paid vacation days", create.Item.Content![0].Text, StringComparison.Ordinal);
        Assert.IsType<ResponseCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        await InStateAsync("answering");

        Clock.Advance(TimeSpan.FromMilliseconds(100));
        Server(new ResponseCreated(new RealtimeResponse("resp_1", RealtimeResponse.InProgress)));
        Server(new ResponseOutputAudioDelta("resp_1", "item_a", 0, 0, "AAAA"));
        Server(new ResponseOutputAudioTranscriptDelta("resp_1", "item_a", 0, 0, "From Vacation."));
        Assert.Equal("item_a", (await _playback.ExpectMsgAsync<PlaybackActor.Play>()).ItemId);
        _playback.Reply(new PlaybackActor.PlaybackStarted("item_a", Clock.Now));
        Server(new ResponseDone(new RealtimeResponse("resp_1", RealtimeResponse.Completed)));
        await _playback.ExpectMsgAsync<PlaybackActor.EndOfResponse>(e => e.ItemId == "item_a");
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 1200, 1200, "/tmp/a.wav", Stopped: false));

        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Null(result.Error);
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal("how many vacation days do i get", result.Transcript);
        Assert.Equal("handbook/vacation.md", result.TopDocument);
        Assert.Contains("twenty-two", result.Answer, StringComparison.Ordinal);
        Assert.Equal("From Vacation.", result.SpokenTranscript);
        Assert.Equal("From Vacation.", result.HeardAnswer);
        Assert.Equal(1200, result.AudioPlayedMs);
        Assert.Equal(new SpeculationStats(2, 1, 1, 0, 40, false), result.Speculation);
        Assert.Equal(500, result.Timeline.SpeechStoppedMs);
        Assert.Equal(700, result.Timeline.TranscriptFinalMs);
        Assert.Equal(750, result.Timeline.RetrievalDoneMs);
        Assert.Equal(850, result.Timeline.FirstAudioMs);
        Assert.Equal(850, result.Timeline.PlaybackStartedMs);
        Assert.Equal(["how many"], result.Partials);
    }

    [Fact]
    public async Task A_verification_arriving_while_the_answer_plays_should_be_in_the_turns_speculation_statistics()
    {
        await AnswerAndPlayAsync();
        var verified = new SpeculationStats(2, 1, 1, 0, 40, true, Verified: 1, Agreed: 1);
        _turn.Tell(new SpeculatorActor.SpeculationVerified(1, Agreed: true, verified));
        Server(new ResponseDone(new RealtimeResponse("resp_1", RealtimeResponse.Completed)));
        await _playback.ExpectMsgAsync<PlaybackActor.EndOfResponse>(e => e.ItemId == "item_a");
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 1200, 1200, "/tmp/a.wav", Stopped: false));

        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(verified, result.Speculation);
    }

    [Fact]
    public async Task A_final_transcript_without_any_partials_should_still_be_answered_and_late_partials_ignored()
    {
        _turn.Tell(new TurnActor.BeginTurn("t1", TestActor));
        Server(new SpeechStarted(0, "item_u"));
        Server(new SpeechStopped(900, "item_u"));
        Server(new InputAudioTranscriptionCompleted("item_u", 0, "night mode"));
        Assert.Equal("night mode", (await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>()).Transcript);
        Server(new InputAudioTranscriptionDelta("item_u", 0, "night"));
        await _speculator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_missing_final_transcript_should_end_the_turn_with_a_spoken_fallback_after_the_timeout()
    {
        _turn.Tell(new TurnActor.BeginTurn("t1", TestActor));
        Server(new SpeechStarted(0, "item_u"));
        Server(new SpeechStopped(900, "item_u"));
        await InStateAsync("awaiting transcript");
        Clock.Advance(EngineSettings.Reference.Turn.TranscriptTimeout - TimeSpan.FromMilliseconds(10));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromMilliseconds(20));
        await _speculator.FishForMessageAsync(m => m is SpeculatorActor.CancelTurn);
        var notice = Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Equal(EngineSettings.Reference.Turn.FallbackText, notice.Item.Content![0].Text);
        Assert.IsType<ResponseCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Server(new ResponseOutputAudioDelta("resp_f", "item_f", 0, 0, "AAAA"));
        await _playback.ExpectMsgAsync<PlaybackActor.Play>(p => p.ItemId == "item_f");
        Server(new ResponseDone(new RealtimeResponse("resp_f", RealtimeResponse.Completed)));
        await _playback.ExpectMsgAsync<PlaybackActor.EndOfResponse>();
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_f", 900, 900, null, false));
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Fallback, result.Outcome);
        Assert.Equal("no final transcript arrived", result.FallbackReason);
    }

    [Fact]
    public async Task A_transcript_for_another_item_should_be_ignored()
    {
        _turn.Tell(new TurnActor.BeginTurn("t1", TestActor));
        Server(new SpeechStarted(0, "item_mine"));
        Server(new SpeechStopped(900, "item_mine"));
        Server(new InputAudioTranscriptionCompleted("item_other", 0, "something else"));
        await _speculator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Server(new InputAudioTranscriptionCompleted("item_mine", 0, "the warranty"));
        Assert.Equal("the warranty", (await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>()).Transcript);
    }

    [Fact]
    public async Task A_failed_knowledge_source_should_speak_the_fallback_instead_of_staying_silent()
    {
        await SpeakAsync("item_u", "what is the meaning of life");
        var final = await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>();
        _speculator.Reply(new SpeculatorActor.Failed(final.TurnId, "knowledge source too slow", SpeculationStats.None));
        var create = Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Equal(EngineSettings.Reference.Turn.FallbackText, create.Item.Content![0].Text);
    }

    [Fact]
    public async Task A_backend_answer_should_be_spoken_as_it_is()
    {
        await SpeakAsync("item_u", "what is the warranty");
        var final = await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>();
        var answered = new KnowledgeResult("what is the warranty", [], "The warranty lasts two years.", TimeSpan.FromMilliseconds(80));
        _speculator.Reply(new SpeculatorActor.Ready(final.TurnId, answered, Reused: false, SpeculationStats.None));
        var create = Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Equal("The warranty lasts two years.", create.Item.Content![0].Text);
    }

    [Fact]
    public async Task An_empty_transcript_should_ask_the_user_to_repeat_without_retrieving()
    {
        await SpeakAsync("item_u", "   ");
        var create = Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Contains("did not catch that", create.Item.Content![0].Text, StringComparison.Ordinal);
        await _speculator.FishForMessageAsync(m => m is SpeculatorActor.CancelTurn);
    }

    [Fact]
    public async Task A_second_turn_requested_while_one_runs_should_wait_for_it()
    {
        _turn.Tell(new TurnActor.BeginTurn("t1", TestActor));
        _turn.Tell(new TurnActor.BeginTurn("t2", TestActor));
        _turn.Tell(new CaptureActor.CaptureFailed("broken file"));
        Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.IsType<ResponseCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Server(new ResponseDone(new RealtimeResponse("resp_f", RealtimeResponse.Completed)));
        var first = await ExpectMsgAsync<TurnResult>();
        Assert.Equal("t1", first.Label);
        Assert.Equal(TurnOutcome.Fallback, first.Outcome);
        Assert.Equal("capture failed: broken file", first.FallbackReason);
        await InStateAsync("listening");
        Server(new SpeechStarted(0, "item_u"));
        Server(new SpeechStopped(900, "item_u"));
        Server(new InputAudioTranscriptionCompleted("item_u", 0, "night mode"));
        var final = (SpeculatorActor.FinalSeen)await _speculator.FishForMessageAsync(m => m is SpeculatorActor.FinalSeen);
        Assert.Equal(2, final.TurnId);
    }

    [Fact]
    public async Task Speech_during_retrieval_should_supersede_the_question_and_cancel_its_retrieval()
    {
        await SpeakAsync("item_u", "how many vacation days");
        var final = await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>();
        Server(new SpeechStarted(4000, "item_v"));
        Assert.Equal(final.TurnId, (await _speculator.ExpectMsgAsync<SpeculatorActor.CancelTurn>()).TurnId);
        var superseded = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Superseded, superseded.Outcome);
        await InStateAsync("user speaking");
        _speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, true, SpeculationStats.None));
        await _socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Server(new SpeechStopped(5000, "item_v"));
        Server(new InputAudioTranscriptionCompleted("item_v", 0, "what about sick days"));
        Assert.Equal("what about sick days", (await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>()).Transcript);
    }

    [Fact]
    public async Task Barge_in_seen_by_the_local_vad_should_silence_playback_cancel_and_truncate_to_the_played_audio()
    {
        await AnswerAndPlayAsync();
        Clock.Advance(TimeSpan.FromMilliseconds(700));
        _turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStarted, 2600, Clock.Now));

        await _playback.ExpectMsgAsync<PlaybackActor.Stop>();
        var cancel = Assert.IsType<ResponseCancel>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Equal("resp_1", cancel.ResponseId);
        Assert.Equal(1, (await _speculator.ExpectMsgAsync<SpeculatorActor.CancelTurn>()).TurnId);
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_a", PlayedMs: 700, ReceivedMs: 3000, File: null, Stopped: true));

        var truncate = Assert.IsType<ConversationItemTruncate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Equal("item_a", truncate.ItemId);
        Assert.Equal(700, truncate.AudioEndMs);
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Interrupted, result.Outcome);
        Assert.Null(result.Error);
        Assert.NotNull(result.BargeIn);
        Assert.Equal("local-vad", result.BargeIn!.DetectedBy);
        Assert.Equal(700, result.BargeIn.PlayedMs);
        Assert.Equal(700, result.BargeIn.TruncatedMs);
        Assert.Equal(0, result.BargeIn.SilentAfterMs);
        Assert.Equal("From", result.HeardAnswer); // 700 of 3000 ms: 1 of 7 words

        // Late audio of the cancelled response is never played.
        Server(new ResponseOutputAudioDelta("resp_1", "item_a", 0, 0, "AAAA"));
        await _playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Barge_in_before_any_audio_was_played_should_delete_the_item_instead_of_truncating()
    {
        await AnswerAndPlayAsync();
        _turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStarted, 2600, Clock.Now));
        await _playback.ExpectMsgAsync<PlaybackActor.Stop>();
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_a", PlayedMs: 0, ReceivedMs: 100, File: null, Stopped: true));
        await _socket.FishForMessageAsync(m => m is RealtimeSocketActor.Send { Event: ConversationItemDelete { ItemId: "item_a" } });
        Assert.Equal(0, (await ExpectMsgAsync<TurnResult>()).BargeIn!.TruncatedMs);
    }

    [Fact]
    public async Task Server_vad_speech_should_interrupt_only_after_the_minimum_speech_duration()
    {
        await AnswerAndPlayAsync();
        Server(new SpeechStarted(2400, "item_v"));
        await _playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(EngineSettings.Reference.Turn.BargeInMinSpeech);
        await _playback.ExpectMsgAsync<PlaybackActor.Stop>();
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 900, 3000, null, true));
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal("server-vad", result.BargeIn!.DetectedBy);

        // The interrupting speech is the next turn.
        Server(new SpeechStopped(3500, "item_v"));
        Server(new InputAudioTranscriptionCompleted("item_v", 0, "what about sick leave"));
        var final = await _speculator.FishForMessageAsync(m => m is SpeculatorActor.FinalSeen);
        Assert.Equal(2, ((SpeculatorActor.FinalSeen)final).TurnId);
    }

    [Fact]
    public async Task A_backchannel_should_not_interrupt_the_answer()
    {
        await AnswerAndPlayAsync();
        Server(new SpeechStarted(2400, "item_ok"));
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        Server(new SpeechStopped(2500, "item_ok"));
        Server(new InputAudioTranscriptionCompleted("item_ok", 0, "okay"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await _playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        Server(new ResponseDone(new RealtimeResponse("resp_1", RealtimeResponse.Completed)));
        await _playback.ExpectMsgAsync<PlaybackActor.EndOfResponse>();
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 3000, 3000, null, false));
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(TurnOutcome.Answered, result.Outcome);
        Assert.Equal(["okay"], result.Backchannels);
    }

    [Fact]
    public async Task Short_speech_that_is_not_a_backchannel_should_interrupt_once_its_words_are_known()
    {
        await AnswerAndPlayAsync();
        Server(new SpeechStarted(2400, "item_stop"));
        Server(new SpeechStopped(2500, "item_stop"));
        Server(new InputAudioTranscriptionCompleted("item_stop", 0, "stop"));
        await _playback.ExpectMsgAsync<PlaybackActor.Stop>();
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 400, 3000, null, true));
        Assert.Equal(TurnOutcome.Interrupted, (await ExpectMsgAsync<TurnResult>()).Outcome);
        Assert.Equal("stop", ((SpeculatorActor.FinalSeen)await _speculator.FishForMessageAsync(m => m is SpeculatorActor.FinalSeen)).Transcript);
    }

    [Fact]
    public async Task Half_duplex_should_ignore_user_speech_while_the_assistant_speaks()
    {
        Start(Classic with { Turn = EngineSettings.Reference.Turn with { HalfDuplex = true } });
        await AnswerAndPlayAsync();
        _turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStarted, 2600, Clock.Now));
        Server(new SpeechStarted(2400, "item_echo"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await _playback.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task The_interrupt_experiment_should_ask_for_the_interrupting_capture_after_the_given_playback_time()
    {
        await AnswerAndPlayAsync(new TurnActor.Interrupt("/tmp/i01.wav", 1500));
        Clock.Advance(TimeSpan.FromMilliseconds(1400));
        await _parent.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal("/tmp/i01.wav", (await _parent.FishForMessageAsync(m => m is TurnActor.InterruptCaptureRequested) as TurnActor.InterruptCaptureRequested)!.WavPath);
    }

    [Fact]
    public async Task With_local_turns_the_local_vad_should_end_the_turn_by_committing_the_audio()
    {
        Start(Classic with { Turn = EngineSettings.Reference.Turn with { VadType = "local" } });
        _turn.Tell(new TurnActor.BeginTurn("t1", TestActor));
        _turn.Tell(new CaptureActor.CaptureStarted(0, 3000, Clock.Now));
        await InStateAsync("listening");
        _turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStarted, 300, Clock.Now));
        await InStateAsync("user speaking");
        Clock.Advance(TimeSpan.FromMilliseconds(2000));
        _turn.Tell(new CaptureActor.LocalSpeech(VadTransitionKind.SpeechStopped, 1500, Clock.Now));
        Assert.IsType<InputAudioBufferCommit>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        await InStateAsync("awaiting transcript");
        Server(new InputAudioBufferCommitted("item_m"));
        Server(new InputAudioTranscriptionCompleted("item_other", 0, "not mine"));
        Server(new InputAudioTranscriptionCompleted("item_m", 0, "how do i reset the filter light"));
        var final = await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>();
        Assert.Equal("how do i reset the filter light", final.Transcript);
    }

    [Fact]
    public async Task Passages_mode_should_inject_the_context_and_ask_for_an_answer_from_it()
    {
        Start(Classic with { Answer = Classic.Answer with { Injection = AnswerInjection.Passages } });
        await SpeakAsync("item_u", "how many vacation days do i get");
        var final = await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>();
        _speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, false, SpeculationStats.None));

        var create = Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        var context = create.Item.Content![0].Text!;
        Assert.StartsWith("Context from the organisation's documents:", context, StringComparison.Ordinal);
        Assert.Contains("[1] handbook/vacation.md (Vacation and Paid Leave > Days): Every employee gets twenty-two", context, StringComparison.Ordinal);
        var response = Assert.IsType<ResponseCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Contains("using only the context above", response.Response!.Instructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_mode_should_answer_the_models_search_knowledge_call_with_the_retrieved_result_then_ask_for_speech()
    {
        Start(Classic with { Answer = Classic.Answer with { Injection = AnswerInjection.Tool } });
        await SpeakAsync("item_u", "how many vacation days do i get");
        var final = await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>();
        var first = Assert.IsType<ResponseCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Null(first.Response!.Instructions);
        await InStateAsync("tool call");

        Server(new ResponseCreated(new RealtimeResponse("resp_t", RealtimeResponse.InProgress)));
        Server(new ResponseFunctionCallArgumentsDone("resp_t", "item_f", 0, "call_1", "search_knowledge", """{"query":"vacation days"}"""));
        Server(new ResponseDone(new RealtimeResponse("resp_t", RealtimeResponse.Completed)));
        await _socket.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        _speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, true, new SpeculationStats(1, 0, 1, 0, 30, false)));

        var output = Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Equal("function_call_output", output.Item.Type);
        Assert.Equal("call_1", output.Item.CallId);
        using var json = System.Text.Json.JsonDocument.Parse(output.Item.Output!);
        Assert.Contains("twenty-two paid vacation days", json.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("handbook/vacation.md", json.RootElement.GetProperty("passages")[0].GetProperty("document").GetString());
        Assert.IsType<ResponseCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        await InStateAsync("answering");

        Server(new ResponseCreated(new RealtimeResponse("resp_s", RealtimeResponse.InProgress)));
        Server(new ResponseOutputAudioDelta("resp_s", "item_s", 0, 0, "AAAA"));
        Assert.Equal("item_s", (await _playback.ExpectMsgAsync<PlaybackActor.Play>()).ItemId);
    }

    [Fact]
    public async Task With_the_local_recognizer_its_partials_alone_should_feed_speculation()
    {
        Start(Classic with { Turn = EngineSettings.Reference.Turn with { LocalRecognizer = true } });
        _turn.Tell(new TurnActor.BeginTurn("t1", TestActor));
        Server(new SpeechStarted(0, "item_u"));
        await InStateAsync("user speaking");
        _turn.Tell(new CaptureActor.LocalTranscript(false, "how many vacation", 900));
        Assert.Equal("how many vacation", (await _speculator.ExpectMsgAsync<SpeculatorActor.PartialSeen>()).Text);
        Server(new InputAudioTranscriptionDelta("item_u", 0, "how many"));
        await _observer.FishForMessageAsync(m => m is PartialTranscript);
        await _speculator.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Server(new SpeechStopped(1500, "item_u"));
        Server(new InputAudioTranscriptionCompleted("item_u", 0, "how many vacation days"));
        Assert.Equal("how many vacation days", (await _speculator.ExpectMsgAsync<SpeculatorActor.FinalSeen>()).Transcript);
    }
}
