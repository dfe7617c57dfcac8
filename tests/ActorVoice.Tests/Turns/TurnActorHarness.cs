using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;
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

/// <summary>A turn actor between probes (socket, speculator, playback, observer) on virtual time, and a scripted turn up to its answer playing.</summary>
public abstract class TurnActorHarness : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly KnowledgeResult VacationResult = new(
        "how many vacation days do i get",
        [new KnowledgePassage("handbook/vacation.md", 1, "Vacation and Paid Leave > Days", "Every employee gets twenty-two paid vacation days per year.", 7.5)],
        null,
        TimeSpan.FromMilliseconds(3));

    /// <summary>Reference settings without preemptive answers and bridging; false interruptions pause for 2 s.</summary>
    protected static readonly EngineSettings Settings = EngineSettings.Reference with
    {
        Answer = EngineSettings.Reference.Answer with { Preemptive = false, Bridge = false },
        Turn = EngineSettings.Reference.Turn with { FalseInterruptionTimeout = TimeSpan.FromSeconds(2), ResponseIdleTimeout = TimeSpan.FromSeconds(3) },
    };

    protected TurnActorHarness()
        : base(TestConfigs.TestSchedulerConfig)
    {
        Socket = CreateTestProbe("socket");
        Speculator = CreateTestProbe("speculator");
        Playback = CreateTestProbe("playback");
        Observer = CreateTestProbe("observer");
        Parent = CreateTestProbe("parent");
        Start(Settings);
    }

    protected TestProbe Socket { get; }

    protected TestProbe Speculator { get; }

    protected TestProbe Playback { get; }

    protected TestProbe Observer { get; }

    protected TestProbe Parent { get; }

    protected IActorRef Turn { get; private set; } = ActorRefs.Nobody;

    protected TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    protected void Start(EngineSettings settings) =>
        Turn = Parent.ChildActorOf(TurnActor.Props(settings, Socket, Speculator, Playback, Observer));

    protected void Server(ServerEvent e) => Turn.Tell(e);

    protected async Task InStateAsync(string state) =>
        await Observer.FishForMessageAsync(m => m is TurnStateChanged s && s.State == state);

    /// <summary>The turn actor has handled everything sent so far.</summary>
    protected async Task SettledAsync() => await Turn.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));

    protected async Task<T> SentAsync<T>()
        where T : ClientEvent =>
        (T)((RealtimeSocketActor.Send)await Socket.FishForMessageAsync(m => m is RealtimeSocketActor.Send { Event: T })).Event;

    /// <summary>The user asks; the final transcript arrives; returns the speculator's final request.</summary>
    protected async Task<SpeculatorActor.FinalSeen> AskAsync(string transcript = "how many vacation days do i get")
    {
        Turn.Tell(new TurnActor.BeginTurn("t1", TestActor));
        Turn.Tell(new CaptureActor.CaptureStarted(0, 3000, Clock.Now));
        await InStateAsync("listening");
        Server(new SpeechStarted(300, "item_u"));
        Clock.Advance(TimeSpan.FromMilliseconds(1500));
        Server(new SpeechStopped(1500, "item_u"));
        await InStateAsync("awaiting transcript");
        Server(new InputAudioTranscriptionCompleted("item_u", 0, transcript));
        return (SpeculatorActor.FinalSeen)await Speculator.FishForMessageAsync(m => m is SpeculatorActor.FinalSeen);
    }

    /// <summary>Runs a turn up to the first audio of its answer being played.</summary>
    protected async Task AnswerAndPlayAsync()
    {
        var final = await AskAsync();
        await InStateAsync("retrieving");
        Speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, Reused: true, SpeculationStats.None));
        Assert.IsType<ConversationItemCreate>((await Socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        Assert.IsType<ResponseCreate>((await Socket.ExpectMsgAsync<RealtimeSocketActor.Send>()).Event);
        await InStateAsync("answering");
        Server(new ResponseCreated(new RealtimeResponse("resp_1", RealtimeResponse.InProgress)));
        Server(new ResponseOutputAudioTranscriptDelta("resp_1", "item_a", 0, 0, "From Vacation: every employee gets twenty-two days."));
        Server(new ResponseOutputAudioDelta("resp_1", "item_a", 0, 0, "AAAA"));
        await Playback.ExpectMsgAsync<PlaybackActor.Play>(p => p.ItemId == "item_a");
        Playback.Reply(new PlaybackActor.PlaybackStarted("item_a", Clock.Now));
        await SettledAsync();
    }

    /// <summary>The fallback notice is injected and asked for; plays it to its end and returns the turn's result.</summary>
    protected async Task<TurnResult> FallbackSpokenAsync(string responseId = "resp_f")
    {
        var notice = await SentAsync<ConversationItemCreate>();
        Assert.Equal(Settings.Turn.FallbackText, notice.Item.Content![0].Text);
        await SentAsync<ResponseCreate>();
        var itemId = "item_" + responseId;
        Server(new ResponseOutputAudioDelta(responseId, itemId, 0, 0, "AAAA"));
        await Playback.FishForMessageAsync(m => m is PlaybackActor.Play p && p.ItemId == itemId);
        Server(new ResponseDone(new RealtimeResponse(responseId, RealtimeResponse.Completed)));
        await Playback.FishForMessageAsync(m => m is PlaybackActor.EndOfResponse e && e.ItemId == itemId);
        Playback.Reply(new PlaybackActor.PlaybackFinished(itemId, 1500, 1500, null, false));
        return await ExpectMsgAsync<TurnResult>();
    }
}
