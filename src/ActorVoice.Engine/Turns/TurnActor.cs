using Akka.Actor;
using Akka.Event;
using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns.BargeIn;
using ActorVoice.Engine.Turns.Injection;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Faults;

namespace ActorVoice.Engine.Turns;

/// <summary>
/// The turn state machine: listening → user speaking → awaiting transcript → retrieving (or tool call) → answering →
/// idle. It reacts to the realtime server's events (the session forwards them unwrapped) and to the local VAD on the
/// capture stream, feeds partial transcripts to the speculator so retrieval starts while the user still speaks, has
/// the <see cref="IAnswerInjection"/> of the configured mode inject the knowledge, routes the assistant's audio to
/// playback, and carries out the <see cref="BargeInPolicy"/>'s decisions. The turn's data lives in a
/// <see cref="TurnState"/>; every transition is logged with its time since the end of speech. This file holds the
/// wiring, the idle state and what every state shares; TurnActor.Listening.cs, TurnActor.Knowledge.cs,
/// TurnActor.Answering.cs and TurnActor.BargeIn.cs hold the states in the order a turn passes them.
/// </summary>
public sealed partial class TurnActor : ReceiveActor, IWithTimers, IWithStash
{
    private readonly FaultInjection _faults;
    private readonly CrashPoint _crashPoint;
    private const string TimeoutTimer = "timeout";
    private const string TurnTimer = "turn";
    private const string BargeInGuardTimer = "barge-in-guard";
    private const string InterruptTimer = "interrupt";
    private const string FalseInterruptionTimer = "false-interruption";
    private const string IdleTimer = "response-idle";
    private const string NotCaught = "Sorry, I did not catch that. Could you say it again?";

    // The error code of a transcription that failed because the server's recognisers were all busy (ActorVoice's
    // local server, recognition.queue-timeout).
    private const string ServerBusy = "server_busy";
    private readonly EngineSettings _settings;
    private readonly IActorRef _socket;
    private readonly IActorRef _speculator;
    private readonly IActorRef _playback;
    private readonly IActorRef _observer;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<string> _cancelledResponses = new(StringComparer.Ordinal);
    private readonly CaptureClock _captureClock = new();
    private readonly BargeInPolicy _bargeIn;
    private readonly IAnswerInjection _injection;
    private TurnState? _turn;
    private TurnState? _interrupted;
    private int _turnCounter;
    private DateTimeOffset? _localSpeechStart;

    public TurnActor(EngineSettings settings, IActorRef socket, IActorRef speculator, IActorRef playback, IActorRef observer, FaultInjection? faults = null)
    {
        _faults = faults ?? FaultInjection.None;
        _crashPoint = _faults.CrashPointFor("turn");
        _settings = settings;
        _socket = socket;
        _speculator = speculator;
        _playback = playback;
        _observer = observer;
        _bargeIn = new BargeInPolicy(settings.Turn);
        _injection = AnswerInjections.For(settings);
        Idle();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    /// <summary>
    /// The turn actor of one session: it sends client events to <c>socket</c> (<see cref="RealtimeSocketActor.Send"/>)
    /// and expects the server's events as bare <see cref="RealtimeEvent"/>s (the session unwraps them once).
    /// </summary>
    public static Props Props(EngineSettings settings, IActorRef socket, IActorRef speculator, IActorRef playback, IActorRef observer, FaultInjection? faults = null) =>
        Akka.Actor.Props.Create(() => new TurnActor(settings, socket, speculator, playback, observer, faults));

    /// <summary>A planned crash (<c>actorvoice.faults.crashes</c>) strikes here, before the message is handled.</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        _crashPoint.BeforeMessage(message);
        return base.AroundReceive(receive, message);
    }


    private static DateTimeOffset Now => Context.System.Scheduler.Now;

    private void Idle()
    {
        SideResponses();
        Receive<BeginTurn>(begin =>
        {
            StartTurn(begin.Label, begin.ReplyTo, begin.Interrupt);
            Transition("listening", Listening);
        });
        Receive<SpeakFallback>(fallback =>
        {
            _turnCounter = Math.Max(_turnCounter, fallback.TurnNumber - 1);
            StartTurn(fallback.Label, fallback.ReplyTo, null);
            SpeakFallbackFor(_turn!, fallback.Reason);
        });
        // Speech without a request (the user just talks): a turn of its own, reported to the session only.
        Receive<SpeechStarted>(started =>
        {
            StartTurn($"turn{_turnCounter + 1:00}", ActorRefs.Nobody, null);
            _turn!.UserItemId = started.ItemId;
            MarkServerSpeechStart(_turn, started);
            Transition("user speaking", UserSpeaking);
        });
        Receive<CaptureActor.LocalSpeech>(s => _settings.Turn.LocalTurns && s.Kind == VadTransitionKind.SpeechStarted, speech =>
        {
            StartTurn($"turn{_turnCounter + 1:00}", ActorRefs.Nobody, null);
            MarkLocalSpeechStart(_turn!, speech);
            Transition("user speaking", UserSpeaking);
        });
        // The local VAD usually hears speech before the server does: its start is marked on the turn the server starts.
        Receive<CaptureActor.LocalSpeech>(s => s.Kind == VadTransitionKind.SpeechStarted, speech =>
            _localSpeechStart = _captureClock.WallClockOf(speech.SessionAudioMs) ?? speech.At);
        CommonHandlers();
    }

    /// <summary>Handled the same in every state; registered last, so a state's own handlers come first.</summary>
    private void CommonHandlers()
    {
        ConnectionHandlers();
        Receive<CaptureActor.CaptureStarted>(started => _captureClock.CaptureStarted(started.SessionOffsetMs, started.At));
        Receive<CaptureActor.CaptureCompleted>(_ => { });
        Receive<CaptureActor.CaptureFailed>(failed =>
        {
            if (_turn is not null)
            {
                OnPartFailed(_turn, "capture failed: " + failed.Reason);
            }
        });
        Receive<CaptureActor.LocalSpeech>(_ => { });
        Receive<CaptureActor.LocalTranscript>(_ => { });
        Receive<SpeculatorActor.Preliminary>(_ => { });
        Receive<SpeculatorActor.NoPreliminary>(_ => { });
        // The fresh query that checks a reused result (speculation.verify) finishes after the answer started: its
        // statistics (verified, agreed) replace the ones Ready brought, if the turn is still running.
        Receive<SpeculatorActor.SpeculationVerified>(v => v.TurnId == _turn?.Number, verified => _turn!.Speculation = verified.Stats);
        Receive<SpeculatorActor.SpeculationVerified>(_ => { });
        Receive<BridgeDue>(_ => { });
        InterruptedPlayback();
        AbandonedPlayback();
        Receive<TimedOut>(t => t.TurnNumber == _turn?.Number, timedOut =>
        {
            var turn = _turn!;
            _log.Warning("Turn {TurnNumber}: {What}", turn.Number, timedOut.What);
            // The connection lives (a lost connection aborts the turn): the user hears a notice, not silence.
            SpeakFallbackFor(turn, timedOut.What);
        });
        Receive<ResponseIdle>(i => i.TurnNumber == _turn?.Number, OnResponseIdle);
        Receive<FalseInterruptionDue>(_ => { });
        Receive<ResponseIdle>(_ => { });
        Receive<SpeakFallback>(_ => Stash.Stash());
        Receive<ContinueNumbering>(n => _turnCounter = Math.Max(_turnCounter, n.LastTurnNumber));
        Receive<ErrorEvent>(e =>
        {
            if (e.Error.Code == "response_cancel_not_active")
            {
                return; // a benign race: the response had already ended.
            }

            _log.Warning("Server error {ErrorCode}: {ErrorMessage}", e.Error.Code ?? e.Error.Type, e.Error.Message);
            _turn?.ServerErrors.Add($"{e.Error.Code}: {e.Error.Message}");
        });
        Receive<RealtimeEvent>(e => _log.Debug("{TurnPhase}: ignoring {EventType}", _turn is null ? "idle" : "turn", e.Type));
        Receive<BeginTurn>(_ => Stash.Stash());
        Receive<SpeculatorActor.Ready>(_ => { });
        Receive<SpeculatorActor.Failed>(_ => { });
        Receive<SpeculatorActor.Cancelled>(_ => { });
        Receive<PlaybackActor.PlaybackStarted>(_ => { });
        Receive<PlaybackActor.PlaybackFinished>(_ => { });
        Receive<TimedOut>(_ => { });
        Receive<FeedInterrupt>(_ => { });
        Receive<BargeInGuardPassed>(_ => { });
        Receive<Abort>(abort =>
        {
            if (_turn is null)
            {
                return;
            }

            if (abort.CanSpeak)
            {
                OnPartFailed(_turn, abort.Reason);
                return;
            }

            _turn.Error ??= abort.Reason;
            _turn.Outcome = _turn.Outcome == TurnOutcome.Fallback ? TurnOutcome.Failed : _turn.Outcome;
            _playback.Tell(PlaybackActor.Stop.Instance);
            Complete(_turn);
        });
    }

    private void StartTurn(string label, IActorRef replyTo, Interrupt? interrupt)
    {
        _turnCounter++;
        _turn = new TurnState(_turnCounter, label, replyTo, interrupt);
        if (_localSpeechStart is { } localStart)
        {
            _turn.Timeline.Mark(TimelineMarks.SpeechStartLocal, localStart);
            _localSpeechStart = null;
        }

        _bargeIn.Reset();
        Timers.StartSingleTimer(TurnTimer, new TimedOut(_turnCounter, "the turn took too long"), _settings.Turn.TurnTimeout);
    }

    private void Complete(TurnState turn)
    {
        if (turn.Completed)
        {
            return;
        }

        turn.Completed = true;
        DiscardPreemptive(turn, "the turn ended before it was confirmed");
        _deferred.RemoveAll(d => d.TurnNumber == turn.Number);
        var result = TurnResultBuilder.Build(turn);
        // The session first: whoever hears of the turn's end from the reply or the observer and then asks the session
        // (its transcript log, the next turn) must find the turn already recorded. A Tell enqueues at once, so this
        // order is causal.
        Context.Parent.Tell(new TurnCompleted(result));
        _observer.Tell(new TurnCompleted(result));
        turn.ReplyTo.Tell(result);
        if (ReferenceEquals(turn, _turn))
        {
            _turn = null;
            Timers.CancelAll();
            _log.Info("Turn {TurnNumber} → idle", result.TurnNumber);
            _state = "idle";
            Become(Idle);
            _observer.Tell(new TurnStateChanged(result.TurnNumber, "idle", null));
            Stash.UnstashAll();
        }
    }

    private double? SinceEndOfSpeech() => _turn?.Timeline.Since(Now);

    private void Transition(string state, Action behaviour)
    {
        var since = SinceEndOfSpeech();
        var number = _turn?.Number ?? 0;
        if (since is { } ms)
        {
            _log.Info("Turn {TurnNumber} → {State} (+{SinceEndOfSpeechMs} ms after end of speech)", number, state, WholeMs(ms));
        }
        else
        {
            _log.Info("Turn {TurnNumber} → {State}", number, state);
        }

        _state = state;
        Become(behaviour);
        _observer.Tell(new TurnStateChanged(number, state, since));
    }

    /// <summary>Milliseconds as the logs show them (rounded like the "0" format).</summary>
    private static double WholeMs(double ms) => Math.Round(ms, MidpointRounding.AwayFromZero);
}
