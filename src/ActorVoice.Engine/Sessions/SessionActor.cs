using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Speculation.Judging;
using ActorVoice.Engine.Turns;
using ActorVoice.Faults;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Speech.Recognition;

namespace ActorVoice.Engine.Sessions;

/// <summary>
/// One voice conversation. Supervises its children (socket, capture, turn, speculator, playback), configures
/// the realtime session (<see cref="SessionConfiguration"/>) and runs turns one at a time, stashing requests that
/// arrive while a turn is running. The assistant's audio goes from the socket to playback through a channel the
/// session owns (decoded once, never through a mailbox).
/// </summary>
/// <remarks>
/// Every child is watched; what happens when one fails (throws) or stops:
/// <list type="table">
/// <item><term>socket</term><description>crash: stopped. Stopped or connection lost: the session fails (no resume), turns answer with the reason.</description></item>
/// <item><term>capture</term><description>crash: restarted (bounded). Stopped: created anew. Either way the turn in progress ends with "capture failed".</description></item>
/// <item><term>playback</term><description>crash: restarted with a fresh playback stream (bounded); the turn in progress ends with "playback failed". Stopped (retries exhausted): the session fails.</description></item>
/// <item><term>speculator</term><description>crash: restarted (bounded); the turn in progress ends with "speculation failed". Stopped (retries exhausted): the session fails.</description></item>
/// <item><term>turn</term><description>crash: restarted (bounded) and the session ends the turn in progress itself with "the turn failed"; the next turn runs on the fresh instance. Stopped: the session fails.</description></item>
/// </list>
/// The bound is <c>supervision.max-retries</c> within <c>supervision.within</c> per child; beyond it the child is stopped.
/// </remarks>
public sealed class SessionActor : ReceiveActor, IWithStash, IWithTimers
{
    private const string SetupTimer = "setup";
    private readonly EngineSettings _settings;
    private readonly RealtimeEndpoint _endpoint;
    private readonly IKnowledgeSource _knowledge;
    private readonly IActorRef _observer;
    private readonly IRecognizerPool? _localRecognizers;
    private readonly IReuseJudge? _reuseJudge;
    private readonly FaultInjection _faults;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _readyWaiters = [];
    private IActorRef _socket = ActorRefs.Nobody;
    private IActorRef _capture = ActorRefs.Nobody;
    private IActorRef _turn = ActorRefs.Nobody;
    private IActorRef _speculator = ActorRefs.Nobody;
    private IActorRef _playback = ActorRefs.Nobody;
    private readonly Channel<AssistantAudio> _assistantAudio = Channel.CreateUnbounded<AssistantAudio>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private (string Label, IActorRef ReplyTo)? _currentRun;
    private int _lastTurnNumber;
    private int _captures;
    private ChannelWriter<ClientEvent>? _outgoing;
    private readonly Dictionary<int, TurnResult> _results = [];
    private readonly TranscriptLog _transcript;
    private readonly List<(int TurnNumber, IActorRef ReplyTo)> _turnWaiters = [];
    private int _requests;
    private string? _failure;

    public SessionActor(EngineSettings settings, RealtimeEndpoint endpoint, IKnowledgeSource knowledge, IActorRef observer, IRecognizerPool? localRecognizers = null, IReuseJudge? reuseJudge = null, FaultInjection? faults = null)
    {
        _faults = faults ?? FaultInjection.None;
        _transcript = new TranscriptLog(settings.Realtime.TranscriptLogSize);
        _reuseJudge = reuseJudge;
        _localRecognizers = settings.Turn.LocalRecognizer ? localRecognizers : null;
        _settings = settings;
        _endpoint = endpoint;
        _knowledge = knowledge;
        _observer = observer;
        Connecting();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="settings">The engine settings.</param>
    /// <param name="endpoint">The realtime endpoint and its key.</param>
    /// <param name="knowledge">Where answers come from; owned by the caller (the host disposes it), shared by the session's turns.</param>
    /// <param name="observer">Receives turn notifications (optional).</param>
    /// <param name="localRecognizers">Serves the local shadow recognizer when <c>turn.local-recognizer</c> is on.</param>
    /// <param name="reuseJudge">The speculator's reuse judge (<c>speculation.reuse-rule = meaning</c>), e.g. an
    /// <see cref="IndexReuseJudge"/> over the built-in index (<see cref="ReuseJudges.Create"/>); null judges by content words.</param>
    /// <param name="faults">The faults to inject (docs/faults.md); null injects none.</param>
    public static Props Props(EngineSettings settings, RealtimeEndpoint endpoint, IKnowledgeSource knowledge, IActorRef? observer = null, IRecognizerPool? localRecognizers = null, IReuseJudge? reuseJudge = null, FaultInjection? faults = null) =>
        Akka.Actor.Props.Create(() => new SessionActor(settings, endpoint, knowledge, observer ?? ActorRefs.Nobody, localRecognizers, reuseJudge, faults));

    protected override SupervisorStrategy SupervisorStrategy() => new ReportingOneForOneStrategy(
        _settings.Supervision.MaxRetries,
        _settings.Supervision.Within,
        (child, ex) => ex switch
        {
            // An actor that cannot even start will not start better the next time.
            ActorInitializationException => Directive.Stop,
            // The socket reports its own failures as messages; an exception there is a bug, and the session cannot
            // continue on a half-known connection state.
            _ when child.Equals(_socket) => Directive.Stop,
            _ => Directive.Restart,
        },
        (child, cause, restart) => Self.Tell(new ChildFailed(child, cause.Message, restart)));

    protected override void PreStart()
    {
        _socket = Watch(RealtimeSocketActor.Props(_settings.Realtime, _endpoint.Uri, _endpoint.ApiKey, Self, _assistantAudio.Writer, _faults), "socket");
        _capture = Watch(CaptureActor.Props(_settings.Capture, _faults), "capture");
        _speculator = Watch(SpeculatorActor.Props(_settings.Speculation, _knowledge, _reuseJudge, _faults), "speculator");
        _playback = Watch(PlaybackActor.Props(_settings.Playback, _assistantAudio.Reader, _faults), "playback");
        _turn = Watch(TurnActor.Props(_settings, _socket, _speculator, _playback, _observer, _faults), "turn");
        Timers.StartSingleTimer(SetupTimer, new SetupTimedOut(), _settings.Realtime.ConnectTimeout + _settings.Realtime.SessionTimeout);
    }

    protected override void PostStop() => _assistantAudio.Writer.TryComplete();

    private static IActorRef Watch(Props props, string name) => Context.Watch(Context.ActorOf(props, name));

    private void Connecting()
    {
        Receive<RealtimeSocketActor.Connected>(connected =>
        {
            _outgoing = connected.Outgoing;
            _socket.Tell(new RealtimeSocketActor.Send(SessionConfiguration.Build(_settings)));
            Become(Configuring);
        });
        Failures();
        Receive<AwaitReady>(_ => _readyWaiters.Add(Sender));
        Receive<RunTurn>(_ => Stash.Stash());
    }

    private void Configuring()
    {
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SessionCreated, _ => _log.Debug("session.created"));
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SessionUpdated, _ =>
        {
            Timers.Cancel(SetupTimer);
            _log.Info("Session configured");
            foreach (var waiter in _readyWaiters)
            {
                waiter.Tell(SessionReady.Instance);
            }

            _readyWaiters.Clear();
            Become(Ready);
            Stash.UnstashAll();
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ErrorEvent, e =>
        {
            var error = ((ErrorEvent)e.Event).Error;
            Fail($"the realtime server rejected the session configuration ({error.Code}: {error.Message})");
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => _log.Debug("Configuring: ignoring {EventType}", e.Event.Type));
        Failures();
        Receive<AwaitReady>(_ => _readyWaiters.Add(Sender));
        Receive<RunTurn>(_ => Stash.Stash());
    }

    private void Ready()
    {
        Receive<RunTurn>(run =>
        {
            _requests++;
            var label = run.Label ?? $"turn{_requests:00}";
            _currentRun = (label, Sender);
            _turn.Tell(new TurnActor.BeginTurn(label, Sender, run.Interrupt));
            _capture.Tell(new CaptureActor.StartCapture(run.WavPath, _outgoing!, _turn, LocalVad(), _localRecognizers));
            Become(InTurn);
        });
        Receive<AwaitReady>(_ => Sender.Tell(SessionReady.Instance));
        RouteServerEvents();
        Receive<TurnCompleted>(completed => Record(completed.Result));
        Failures();
    }

    private void InTurn()
    {
        RouteServerEvents();
        Receive<TurnCompleted>(completed =>
        {
            Record(completed.Result);
            EndRun();
        });
        Receive<RunTurn>(_ => Stash.Stash());
        Receive<AwaitReady>(_ => Sender.Tell(SessionReady.Instance));
        Failures();
    }

    private void Failed()
    {
        Receive<GetTranscriptLog>(_ => Sender.Tell(new TranscriptLogSnapshot(_transcript.Entries)));
        Receive<RunTurn>(run => Sender.Tell(new TurnResult(0, run.Label ?? "turn") { Error = _failure }));
        Receive<AwaitReady>(_ => Sender.Tell(new SessionFailed(_failure ?? "the session failed")));
        Receive<TurnCompleted>(_ => { });
        ReceiveAny(_ => { });
    }

    /// <summary>Handlers every state shares once the socket is open.</summary>
    private void Failures()
    {
        Receive<TurnActor.InterruptCaptureRequested>(request =>
        {
            if (_outgoing is not null)
            {
                _capture.Tell(new CaptureActor.StartCapture(request.WavPath, _outgoing, _turn, LocalVad(), _localRecognizers));
            }
        });
        Receive<AwaitTurn>(await =>
        {
            if (_results.TryGetValue(await.TurnNumber, out var result))
            {
                Sender.Tell(result);
            }
            else
            {
                _turnWaiters.Add((await.TurnNumber, Sender));
            }
        });
        Receive<GetTranscriptLog>(_ => Sender.Tell(new TranscriptLogSnapshot(_transcript.Entries)));
        Receive<RealtimeSocketActor.BadFrame>(bad => _log.Warning("Invalid frame from the server ({Code}): {Reason}", bad.Code, bad.Message));
        Receive<RealtimeSocketActor.ConnectionLost>(lost =>
            Fail(lost.Reason is null ? "the realtime server closed the connection" : lost.Reason));
        Receive<SetupTimedOut>(_ => Fail("the realtime session was not configured in time"));
        Receive<Terminated>(t => t.ActorRef.Equals(_socket), _ => Fail("the realtime connection ended"));
        Receive<Terminated>(t => t.ActorRef.Equals(_capture), _ =>
        {
            _log.Warning("The capture actor stopped; starting a new one");
            _capture = Watch(CaptureActor.Props(_settings.Capture, _faults), $"capture-{++_captures}");
            _turn.Tell(new TurnActor.Abort("capture failed: the capture actor stopped"));
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_playback), _ => Fail("the playback actor stopped"));
        Receive<Terminated>(t => t.ActorRef.Equals(_speculator), _ => Fail("the speculator stopped"));
        Receive<Terminated>(t => t.ActorRef.Equals(_turn), _ => Fail("the turn actor stopped"));
        Receive<ChildFailed>(OnChildFailed);
    }

    /// <summary>Server events for the turn. (One place, so that what the turn receives can change in one line.)</summary>
    private void RouteServerEvents() => Receive<RealtimeSocketActor.ServerEventReceived>(e => _turn.Forward(e.Event));

    private void OnChildFailed(ChildFailed failed)
    {
        _log.Warning("Child {Child} failed ({Reason}); {Outcome}", failed.Child.Path.Name, failed.Reason, failed.Restarted ? "restarted" : "stopped");
        if (failed.Child.Equals(_turn))
        {
            // The turn's state went with the old instance: end the turn in progress here.
            if (_currentRun is { } run)
            {
                var result = new TurnResult(_lastTurnNumber + 1, run.Label) { Error = "the turn failed: " + failed.Reason };
                run.ReplyTo.Tell(result);
                _observer.Tell(new TurnCompleted(result));
                EndRun();
            }

            return;
        }

        var what = failed.Child.Equals(_capture) ? "capture" : failed.Child.Equals(_playback) ? "playback" : failed.Child.Equals(_speculator) ? "speculation" : null;
        if (what is not null)
        {
            _turn.Tell(new TurnActor.Abort($"{what} failed: {failed.Reason}"));
        }
    }

    private void EndRun()
    {
        _currentRun = null;
        Become(Ready);
        Stash.UnstashAll();
    }

    private void Fail(string reason)
    {
        if (_failure is not null)
        {
            return;
        }

        _failure = reason;
        _log.Error("Session failed: {Reason}", reason);
        foreach (var waiter in _readyWaiters)
        {
            waiter.Tell(new SessionFailed(reason));
        }

        _readyWaiters.Clear();
        _turn.Tell(new TurnActor.Abort(reason));
        _observer.Tell(new SessionFailed(reason));
        Become(Failed);
        Stash.UnstashAll();
    }

    private void Record(TurnResult result)
    {
        _lastTurnNumber = Math.Max(_lastTurnNumber, result.TurnNumber);
        _results[result.TurnNumber] = result;
        _transcript.Add(result);
        // Keep a bounded history: a long-running session must not grow without limit.
        if (_results.Count > 256)
        {
            _results.Remove(_results.Keys.Min());
        }

        foreach (var waiter in _turnWaiters.Where(w => w.TurnNumber == result.TurnNumber).ToList())
        {
            waiter.ReplyTo.Tell(result);
            _turnWaiters.Remove(waiter);
        }
    }

    private VadParameters? LocalVad() => _settings.Turn.LocalVad || _settings.Turn.LocalTurns || _localRecognizers is not null
        ? new VadParameters(
            _settings.Turn.LocalVadThresholdDbfs,
            PrefixPaddingMs: 0,
            SilenceDurationMs: (int)_settings.Turn.VadSilenceDuration.TotalMilliseconds,
            MinSpeechMs: (int)Math.Max(20, _settings.Turn.BargeInMinSpeech.TotalMilliseconds))
        : null;

    /// <summary>Run one spoken question from <paramref name="WavPath"/>; the sender receives a <see cref="TurnResult"/>.</summary>
    public sealed record RunTurn(string WavPath, string? Label = null, TurnActor.Interrupt? Interrupt = null);

    /// <summary>Reply with the <see cref="TurnResult"/> of turn <paramref name="TurnNumber"/> once it has ended (e.g. the turn a barge-in started).</summary>
    public sealed record AwaitTurn(int TurnNumber);

    /// <summary>Reply <see cref="SessionReady"/> once the session is configured, or <see cref="SessionFailed"/>.</summary>
    public sealed record AwaitReady
    {
        public static AwaitReady Instance { get; } = new();
    }

    public sealed record SessionReady
    {
        public static SessionReady Instance { get; } = new();
    }

    public sealed record SessionFailed(string Reason);

    /// <summary>Reply with the session's <see cref="TranscriptLogSnapshot"/> (what the user said and heard, turn by turn).</summary>
    public sealed record GetTranscriptLog
    {
        public static GetTranscriptLog Instance { get; } = new();
    }

    public sealed record TranscriptLogSnapshot(IReadOnlyList<TranscriptEntry> Entries);

    private sealed record SetupTimedOut;

    /// <summary>From the supervisor strategy: <paramref name="Child"/> threw; it is restarted or stopped.</summary>
    private sealed record ChildFailed(IActorRef Child, string Reason, bool Restarted);
}
