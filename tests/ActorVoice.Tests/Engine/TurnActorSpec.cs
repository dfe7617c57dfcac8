using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Retrieval;
using ActorVoice.Engine.Turns;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Tests.Engine;

/// <summary>The turn state machine driven by a scripted realtime peer, on virtual time.</summary>
public class TurnActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _socket;
    private readonly TestProbe _retriever;
    private readonly TestProbe _playback;
    private readonly TestProbe _observer;
    private readonly IActorRef _turn;

    public TurnActorSpec()
        : base(TestConfigs.TestSchedulerConfig)
    {
        _socket = CreateTestProbe("socket");
        _retriever = CreateTestProbe("retriever");
        _playback = CreateTestProbe("playback");
        _observer = CreateTestProbe("observer");
        _turn = Sys.ActorOf(TurnActor.Props(new EngineSettings(), _socket, _retriever, _playback, _observer), "turn");
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private void Server(ServerEvent e) => _turn.Tell(new RealtimeSocketActor.ServerEventReceived(e));

    private static readonly SearchHit VacationHit = new(
        new DocumentChunk("handbook/vacation.md", 1, "Vacation and Paid Leave > Days", "Every employee gets twenty-two paid vacation days per year.", 0, 60), 7.5);

    /// <summary>Waits until the turn actor has reached <paramref name="state"/>, so virtual time is advanced only after it acted.</summary>
    private async Task InStateAsync(string state) =>
        await _observer.FishForMessageAsync(m => m is TurnStateChanged s && s.State == state);

    private async Task<DateTimeOffset> SpeakAsync(string itemId, string transcript)
    {
        var start = Clock.Now;
        _turn.Tell(new TurnActor.BeginTurn(1, "t1", TestActor));
        _turn.Tell(new CaptureActor.CaptureStarted(0, 3000, start));
        Server(new SpeechStarted(300, itemId));
        Server(new InputAudioTranscriptionDelta(itemId, 0, "how many"));
        var partial = (PartialTranscript)await _observer.FishForMessageAsync(m => m is PartialTranscript);
        Assert.Equal("how many", partial.Text);
        Clock.Advance(TimeSpan.FromMilliseconds(2000));
        Server(new SpeechStopped(1500, itemId));
        await InStateAsync("awaiting transcript");
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        Server(new InputAudioTranscriptionCompleted(itemId, 0, transcript));
        var final = (FinalTranscript)await _observer.FishForMessageAsync(m => m is FinalTranscript);
        Assert.Equal(transcript.Trim(), final.Text);
        return start;
    }

    [Fact]
    public async Task A_full_turn_should_retrieve_inject_the_answer_play_it_and_report_the_timeline()
    {
        await SpeakAsync("item_u", "how many vacation days do i get");
        var retrieve = await _retriever.ExpectMsgAsync<RetrieverActor.Retrieve>();
        Assert.Equal("how many vacation days do i get", retrieve.Query);
        await InStateAsync("retrieving");
        Clock.Advance(TimeSpan.FromMilliseconds(50));
        _retriever.Reply(new RetrieverActor.Retrieved(retrieve.RequestId, retrieve.Query, [VacationHit], TimeSpan.FromMilliseconds(3)));

        var create = await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>();
        var item = Assert.IsType<ConversationItemCreate>(create.Event);
        Assert.Equal("system", item.Item.Role);
        Assert.Contains("twenty-two paid vacation days", item.Item.Content![0].Text, StringComparison.Ordinal);
        Assert.IsType<ResponseCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        await InStateAsync("answering");

        Clock.Advance(TimeSpan.FromMilliseconds(100));
        Server(new ResponseCreated(new RealtimeResponse("resp_1", RealtimeResponse.InProgress)));
        Server(new ResponseOutputAudioDelta("resp_1", "item_a", 0, 0, "AAAA"));
        Server(new ResponseOutputAudioTranscriptDelta("resp_1", "item_a", 0, 0, "From Vacation."));
        var play = await _playback.ExpectMsgAsync<PlaybackActor.Play>();
        Assert.Equal("item_a", play.ItemId);
        _playback.Reply(new PlaybackActor.PlaybackStarted("item_a", Clock.Now));
        Server(new ResponseDone(new RealtimeResponse("resp_1", RealtimeResponse.Completed)));
        await _playback.ExpectMsgAsync<PlaybackActor.EndOfResponse>(e => e.ItemId == "item_a");
        _playback.Reply(new PlaybackActor.PlaybackFinished("item_a", 1200, 1200, "/tmp/a.wav", Stopped: false));

        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Null(result.Error);
        Assert.Equal("how many vacation days do i get", result.Transcript);
        Assert.Equal("handbook/vacation.md", result.TopDocument);
        Assert.Contains("twenty-two", result.Answer, StringComparison.Ordinal);
        Assert.Equal("From Vacation.", result.SpokenTranscript);
        Assert.Equal(1200, result.AudioPlayedMs);
        Assert.Equal(500, result.Timeline.SpeechStoppedMs);
        Assert.Equal(700, result.Timeline.TranscriptFinalMs);
        Assert.Equal(750, result.Timeline.RetrievalDoneMs);
        Assert.Equal(850, result.Timeline.FirstAudioMs);
        Assert.Equal(850, result.Timeline.PlaybackStartedMs);
        Assert.Equal(["how many"], result.Partials);
    }

    [Fact]
    public async Task A_missing_final_transcript_should_end_the_turn_with_a_clear_error_after_the_timeout()
    {
        _turn.Tell(new TurnActor.BeginTurn(1, "t1", TestActor));
        Server(new SpeechStarted(0, "item_u"));
        Server(new SpeechStopped(900, "item_u"));
        await InStateAsync("awaiting transcript");
        Clock.Advance(new EngineSettings().Turn.TranscriptTimeout - TimeSpan.FromMilliseconds(10));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromMilliseconds(20));
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal("no final transcript arrived", result.Error);
        _retriever.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_transcript_for_another_item_should_be_ignored()
    {
        _turn.Tell(new TurnActor.BeginTurn(1, "t1", TestActor));
        Server(new SpeechStarted(0, "item_mine"));
        Server(new SpeechStopped(900, "item_mine"));
        Server(new InputAudioTranscriptionCompleted("item_other", 0, "something else"));
        await _retriever.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Server(new InputAudioTranscriptionCompleted("item_mine", 0, "the warranty"));
        Assert.Equal("the warranty", (await _retriever.ExpectMsgAsync<RetrieverActor.Retrieve>()).Query);
    }

    [Fact]
    public async Task A_failed_retrieval_should_speak_the_fallback_instead_of_staying_silent()
    {
        await SpeakAsync("item_u", "what is the meaning of life");
        var retrieve = await _retriever.ExpectMsgAsync<RetrieverActor.Retrieve>();
        _retriever.Reply(new RetrieverActor.RetrievalFailed(retrieve.RequestId, retrieve.Query, "index unavailable"));
        var create = Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Equal(new EngineSettings().Turn.NoAnswerText, create.Item.Content![0].Text);
    }

    [Fact]
    public async Task An_empty_transcript_should_ask_the_user_to_repeat_without_retrieving()
    {
        await SpeakAsync("item_u", "   ");
        var create = Assert.IsType<ConversationItemCreate>((await _socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.Contains("did not catch that", create.Item.Content![0].Text, StringComparison.Ordinal);
        await _retriever.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_second_turn_while_one_runs_should_be_refused_and_the_first_goes_on()
    {
        _turn.Tell(new TurnActor.BeginTurn(1, "t1", TestActor));
        _turn.Tell(new TurnActor.BeginTurn(2, "t2", TestActor));
        var refused = await ExpectMsgAsync<TurnResult>();
        Assert.Equal(2, refused.TurnNumber);
        Assert.Equal("another turn is in progress", refused.Error);
        Server(new SpeechStarted(0, "item_u"));
        Server(new SpeechStopped(900, "item_u"));
        Server(new InputAudioTranscriptionCompleted("item_u", 0, "night mode"));
        Assert.Equal("night mode", (await _retriever.ExpectMsgAsync<RetrieverActor.Retrieve>()).Query);
    }

    [Fact]
    public async Task A_capture_failure_should_end_the_turn_with_its_reason()
    {
        _turn.Tell(new TurnActor.BeginTurn(1, "t1", TestActor));
        _turn.Tell(new CaptureActor.CaptureFailed("'x.wav' is not a readable WAV file"));
        var result = await ExpectMsgAsync<TurnResult>();
        Assert.Equal("capture failed: 'x.wav' is not a readable WAV file", result.Error);
    }
}
