using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Capture;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Engine.Realtime;
using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Live;
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
/// <item><term>socket</term><description>crash: restarted (bounded), and like a lost connection (closed, keep-alive timeout,
/// injected drop) reconnected with exponential backoff and jitter (<c>realtime.reconnect</c>); the new connection is
/// configured and re-seeded from the <see cref="TranscriptLog"/>, the turn in progress hears
/// <see cref="TurnActor.ConnectionDropped"/> and <see cref="TurnActor.ConnectionRestored"/> (it ends answered or as a
/// fallback, never silent), and the observer gets <see cref="SessionReconnected"/>. Every attempt failed
/// (<c>max-attempts</c>), or stopped: the session fails and turns answer with the reason. A connection older than
/// <c>realtime.recycle-after</c> (or one the server says has expired) is handed over between turns: the successor is
/// opened, configured and re-seeded first, then the old one closes.</description></item>
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
    private const string ReseedTimer = "reseed";
    private const string RecycleTimer = "recycle";
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
    // The connection loss (or planned handoff) being recovered from: when it began and why.
    private (DateTimeOffset At, string Reason)? _loss;
    private int _lossesInARow;
    private int _reconnectAttempts;
    private bool _handoff;
    private bool _recyclePending;
    // A live session (microphone and speaker for its whole life): turns start from the VAD, not from RunTurn.
    private readonly LiveAudio? _live;
    private readonly LiveUplink _liveUplink = new();
    private bool _liveStarted;
    // The turn number a session that moved from another node goes on from (0: a new session).
    private readonly int _continueFrom;

    public SessionActor(EngineSettings settings, RealtimeEndpoint endpoint, IKnowledgeSource knowledge, IActorRef observer, IRecognizerPool? localRecognizers = null, IReuseJudge? reuseJudge = null, FaultInjection? faults = null, LiveAudio? live = null, SessionHistory? history = null)
    {
        _live = live;
        _faults = faults ?? FaultInjection.None;
        _transcript = new TranscriptLog(settings.Realtime.TranscriptLogSize);
        _transcript.Restore(history?.Entries ?? []);
        _continueFrom = history?.LastTurnNumber ?? 0;
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
    /// <param name="live">A live microphone and speaker: captured from the moment the session is configured until it
    /// stops, turns started by the VAD, answers heard on the speaker. Null: turns are WAV files (<see cref="RunTurn"/>).</param>
    /// <param name="history">The conversation of a session taken over from another node: its transcript log goes into
    /// the first connection (as after a reconnection) and its turns go on counting. Null: a new conversation.</param>
    public static Props Props(EngineSettings settings, RealtimeEndpoint endpoint, IKnowledgeSource knowledge, IActorRef? observer = null, IRecognizerPool? localRecognizers = null, IReuseJudge? reuseJudge = null, FaultInjection? faults = null, LiveAudio? live = null, SessionHistory? history = null) =>
        Akka.Actor.Props.Create(() => new SessionActor(settings, endpoint, knowledge, observer ?? ActorRefs.Nobody, localRecognizers, reuseJudge, faults, live, history));

    protected override SupervisorStrategy SupervisorStrategy() => new ReportingOneForOneStrategy(
        _settings.Supervision.MaxRetries,
        _settings.Supervision.Within,
        (child, ex) => ex switch
        {
            // An actor that cannot even start will not start better the next time.
            ActorInitializationException => Directive.Stop,
            // A crashed socket is restarted: its new instance reconnects (with backoff) and the session re-seeds the
            // new connection, as after a lost connection.
            _ => Directive.Restart,
        },
        (child, cause, restart) => Self.Tell(new ChildFailed(child, cause.Message, restart)));

    protected override void PreStart()
    {
        _socket = Watch(RealtimeSocketActor.Props(_settings.Realtime, _endpoint.Uri, _endpoint.ApiKey, Self, _assistantAudio.Writer, _faults), "socket");
        _capture = Watch(CaptureActor.Props(_settings.Capture, _faults), "capture");
        _speculator = Watch(SpeculatorActor.Props(_settings.Speculation, _knowledge, _reuseJudge, _faults), "speculator");
        _playback = Watch(PlaybackActor.Props(_settings.Playback, _assistantAudio.Reader, _faults, _live?.Speaker), "playback");
        _turn = Watch(TurnActor.Props(_settings, _socket, _speculator, _playback, _observer, _faults), "turn");
        if (_continueFrom > 0)
        {
            _turn.Tell(new TurnActor.ContinueNumbering(_continueFrom));
        }

        Timers.StartSingleTimer(SetupTimer, new SetupTimedOut(), _settings.Realtime.ConnectTimeout + _settings.Realtime.SessionTimeout);
    }

    protected override void PostStop() => _assistantAudio.Writer.TryComplete();

    private static IActorRef Watch(Props props, string name) => Context.Watch(Context.ActorOf(props, name));

    private void Connecting()
    {
        Receive<RealtimeSocketActor.Connected>(connected =>
        {
            _outgoing = connected.Outgoing;
            _liveUplink.Connect(connected.Outgoing);
            _socket.Tell(new RealtimeSocketActor.Send(SessionConfiguration.Build(_settings)));
            // A session taken over from another node starts from its transcript log (nothing for a new one).
            foreach (var item in ConversationReseed.ItemsFor(_transcript.Entries))
            {
                _socket.Tell(new RealtimeSocketActor.Send(item));
            }

            Become(Configuring);
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(_ => { });
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
            StartRecycleTimer();
            foreach (var waiter in _readyWaiters)
            {
                waiter.Tell(SessionReady.Instance);
            }

            _readyWaiters.Clear();
            StartLive();
            Become(Ready);
            Stash.UnstashAll();
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ErrorEvent, e =>
        {
            var error = ((ErrorEvent)e.Event).Error;
            if (IsTransient(error))
            {
                _log.Warning("Server error while configuring ({ErrorCode}): {ErrorMessage}", error.Code ?? error.Type, error.Message);
                return;
            }

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
            _capture.Tell(new CaptureActor.StartCapture(run.WavPath, _outgoing!, _turn, LocalVad(), _localRecognizers, _settings.Turn.LocalVadChoice));
            Become(InTurn);
        });
        Receive<AwaitReady>(_ => Sender.Tell(SessionReady.Instance));
        RouteServerEvents();
        Receive<TurnCompleted>(completed => Record(completed.Result));
        Receive<RecycleDue>(_ => BeginHandoff("recycle"));
        Receive<RealtimeSocketActor.SessionExpiring>(x => BeginHandoff($"session expired ({x.Message})"));
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
        // A handoff never cuts a turn: it waits for the turn's end.
        Receive<RecycleDue>(_ => _recyclePending = true);
        Receive<RealtimeSocketActor.SessionExpiring>(_ => _recyclePending = true);
        Failures();
    }

    /// <summary>The connection was lost; the socket is reconnecting. Turns wait; the turn in progress knows.</summary>
    private void Reconnecting()
    {
        Receive<RealtimeSocketActor.Connected>(Reseed);
        Receive<RealtimeSocketActor.ServerEventReceived>(_ => { }); // late events of the lost connection
        WhileLinkDown();
    }

    /// <summary>A planned handoff: the successor connection is being opened; the old one still stands.</summary>
    private void HandingOff()
    {
        Receive<RealtimeSocketActor.Connected>(Reseed);
        Receive<RealtimeSocketActor.HandoffFailed>(failed =>
        {
            _log.Warning("The handoff failed ({Reason}); the old connection goes on, another handoff in {RetryMinutes} min", failed.Reason, 1);
            _loss = null;
            _handoff = false;
            Timers.StartSingleTimer(RecycleTimer, RecycleDue.Instance, TimeSpan.FromMinutes(1));
            Become(Ready);
            Stash.UnstashAll();
        });
        RouteServerEvents();
        WhileLinkDown();
    }

    /// <summary>The new connection was sent session.update and the conversation so far; waiting for session.updated.</summary>
    private void Reseeding()
    {
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is SessionUpdated, _ => OnReseeded());
        Receive<RealtimeSocketActor.ServerEventReceived>(e => e.Event is ErrorEvent, e =>
        {
            var error = ((ErrorEvent)e.Event).Error;
            _log.Warning("Server error while re-seeding ({ErrorCode}): {ErrorMessage}", error.Code ?? error.Type, error.Message);
        });
        Receive<RealtimeSocketActor.ServerEventReceived>(_ => { });
        WhileLinkDown();
    }

    /// <summary>Shared by the states without a configured connection.</summary>
    private void WhileLinkDown()
    {
        Receive<TurnCompleted>(completed =>
        {
            // The interrupted turn may end meanwhile (e.g. its answer had fully arrived and finished playing).
            Record(completed.Result);
            _currentRun = null;
        });
        Receive<RunTurn>(_ => Stash.Stash());
        Receive<AwaitReady>(_ => _readyWaiters.Add(Sender));
        Failures();
    }

    private void OnInterrupted(RealtimeSocketActor.ConnectionInterrupted interrupted)
    {
        if (_failure is not null)
        {
            return;
        }

        if (_handoff)
        {
            // The successor was lost while taking over: this is now a reconnection.
            _handoff = false;
            _loss = null;
        }

        _loss ??= (Now, interrupted.Reason);
        _outgoing = null;
        _liveUplink.Disconnect();
        Timers.Cancel(RecycleTimer);
        Timers.Cancel(ReseedTimer);
        _recyclePending = false;
        // A connection that keeps dropping before it is even configured is not a session.
        if (++_lossesInARow > Math.Max(1, _settings.Realtime.Reconnect.MaxAttempts))
        {
            Fail($"the realtime connection keeps dropping ({interrupted.Reason})");
            return;
        }

        _log.Warning("Realtime connection lost ({Reason}); reconnecting", interrupted.Reason);
        _turn.Tell(new TurnActor.ConnectionDropped(interrupted.Reason));
        Become(Reconnecting);
    }

    private void BeginHandoff(string reason)
    {
        _recyclePending = false;
        Timers.Cancel(RecycleTimer);
        _loss = (Now, reason);
        _handoff = true;
        _log.Info("Handing the session over to a new connection ({Reason})", reason);
        _socket.Tell(RealtimeSocketActor.Recycle.Instance);
        Become(HandingOff);
    }

    /// <summary>A new connection: configure it and put the conversation so far into it, in order.</summary>
    private void Reseed(RealtimeSocketActor.Connected connected)
    {
        _outgoing = connected.Outgoing;
        _reconnectAttempts = connected.Attempts;
        _socket.Tell(new RealtimeSocketActor.Send(SessionConfiguration.Build(_settings)));
        var items = ConversationReseed.ItemsFor(_transcript.Entries);
        foreach (var item in items)
        {
            _socket.Tell(new RealtimeSocketActor.Send(item));
        }

        _log.Info("New connection: configuring it and re-seeding {Items} conversation items", items.Count);
        Timers.StartSingleTimer(ReseedTimer, new ReseedTimedOut(), _settings.Realtime.SessionTimeout);
        Become(Reseeding);
    }

    private void OnReseeded()
    {
        // Live audio goes to the new connection once it is configured and re-seeded (during a handoff the old one
        // takes it until then).
        if (_outgoing is not null)
        {
            _liveUplink.Connect(_outgoing);
        }

        Timers.Cancel(ReseedTimer);
        Timers.Cancel(SetupTimer);
        var (at, reason) = _loss ?? (Now, "unknown");
        var took = Now - at;
        _loss = null;
        _lossesInARow = 0;
        var attempts = Math.Max(1, _reconnectAttempts);
        _log.Info("Session re-established after {Attempts} attempt(s) in {TookMs} ms ({Reason})", attempts, (int)took.TotalMilliseconds, reason);
        _observer.Tell(new SessionReconnected(attempts, took, reason));
        if (_handoff)
        {
            _handoff = false;
            _socket.Tell(RealtimeSocketActor.RetireConnection.Instance);
        }
        else
        {
            _turn.Tell(TurnActor.ConnectionRestored.Instance);
        }

        StartRecycleTimer();
        foreach (var waiter in _readyWaiters)
        {
            waiter.Tell(SessionReady.Instance);
        }

        _readyWaiters.Clear();
        Become(_currentRun is null ? Ready : InTurn);
        Stash.UnstashAll();
    }

    private void StartRecycleTimer()
    {
        if (_settings.Realtime.RecycleAfter > TimeSpan.Zero)
        {
            Timers.StartSingleTimer(RecycleTimer, RecycleDue.Instance, _settings.Realtime.RecycleAfter);
        }
    }

    /// <summary>An error that says nothing about the configuration (a server hiccup, an injected fault): logged, not fatal.</summary>
    private static bool IsTransient(RealtimeError error) => error.Type == "server_error" || error.Code == "injected_fault";

    private static DateTimeOffset Now => Context.System.Scheduler.Now;

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
                _capture.Tell(new CaptureActor.StartCapture(request.WavPath, _outgoing, _turn, LocalVad(), _localRecognizers, _settings.Turn.LocalVadChoice));
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
        Receive<EndTurn>(end => _turn.Tell(new TurnActor.Abort(TurnActor.Abort.ShuttingDown + ": " + end.Reason)));
        Receive<RealtimeSocketActor.BadFrame>(bad => _log.Warning("Invalid frame from the server ({Code}): {Reason}", bad.Code, bad.Message));
        Receive<RealtimeSocketActor.ConnectionLost>(lost =>
            Fail(lost.Reason is null ? "the realtime server closed the connection" : lost.Reason));
        Receive<RealtimeSocketActor.ConnectionInterrupted>(OnInterrupted);
        Receive<RealtimeSocketActor.SessionExpiring>(_ => { });
        Receive<RealtimeSocketActor.HandoffFailed>(_ => { });
        Receive<RecycleDue>(_ => { });
        Receive<ReseedTimedOut>(_ => Fail("the realtime session was not configured in time after reconnecting"));
        Receive<SetupTimedOut>(_ => Fail("the realtime session was not configured in time"));
        Receive<Terminated>(t => t.ActorRef.Equals(_socket), _ => Fail("the realtime connection ended"));
        Receive<Terminated>(t => t.ActorRef.Equals(_capture), _ =>
        {
            _log.Warning("The capture actor stopped; starting a new one");
            _capture = Watch(CaptureActor.Props(_settings.Capture, _faults), $"capture-{++_captures}");
            _turn.Tell(new TurnActor.Abort("capture failed: the capture actor stopped"));
            RestartLive();
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
            // The turn's state went with the old instance: the fresh one numbers on from the turns already done and,
            // when a turn was in progress, speaks the fallback for it (the user is not left in silence).
            if (!failed.Restarted)
            {
                return;
            }

            _turn.Tell(new TurnActor.ContinueNumbering(_lastTurnNumber));
            if (_currentRun is { } run)
            {
                _turn.Tell(new TurnActor.SpeakFallback(run.Label, run.ReplyTo, "the turn failed: " + failed.Reason, _lastTurnNumber + 1));
            }

            return;
        }

        if (failed.Child.Equals(_capture) && failed.Restarted)
        {
            RestartLive();
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
        if (_recyclePending)
        {
            BeginHandoff("recycle");
            return;
        }

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

    /// <summary>Starts the live microphone's capture once the first connection is configured (live sessions only).</summary>
    private void StartLive()
    {
        if (_live is null || _liveStarted)
        {
            return;
        }

        _liveStarted = true;
        _capture.Tell(new CaptureActor.StartLiveCapture(_live.Microphone, _liveUplink, _turn, LocalVad(), _localRecognizers, _settings.Turn.LocalVadChoice));
    }

    /// <summary>A fresh capture actor (restarted or created anew) takes the live microphone up again.</summary>
    private void RestartLive()
    {
        if (_live is not null && _liveStarted)
        {
            _capture.Tell(new CaptureActor.StartLiveCapture(_live.Microphone, _liveUplink, _turn, LocalVad(), _localRecognizers, _settings.Turn.LocalVadChoice));
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

    /// <summary>
    /// End the turn in progress now with the spoken fallback notice (the host is draining: <paramref name="Reason"/> is
    /// logged and reported as the fallback reason). No effect between turns.
    /// </summary>
    public sealed record EndTurn(string Reason);

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

    private sealed record ReseedTimedOut;

    private sealed record RecycleDue
    {
        public static RecycleDue Instance { get; } = new();
    }

    /// <summary>From the supervisor strategy: <paramref name="Child"/> threw; it is restarted or stopped.</summary>
    private sealed record ChildFailed(IActorRef Child, string Reason, bool Restarted);
}
