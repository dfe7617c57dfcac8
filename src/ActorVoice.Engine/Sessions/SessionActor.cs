using ActorVoice.Realtime.Protocol.Tools;
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
using ActorVoice.Engine.Turns;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Speech.Recognition;

namespace ActorVoice.Engine.Sessions;

/// <summary>
/// One voice conversation. Supervises its children (socket, capture, turn, retriever, playback), configures
/// the realtime session (server VAD with <c>create_response: false</c>, so that ActorVoice decides when the
/// assistant answers) and runs turns one at a time, stashing requests that arrive while a turn is running.
/// </summary>
public sealed class SessionActor : ReceiveActor, IWithStash, IWithTimers
{
    private const string SetupTimer = "setup";
    private readonly EngineSettings _settings;
    private readonly RealtimeEndpoint _endpoint;
    private readonly IKnowledgeSource _knowledge;
    private readonly IActorRef _observer;
    private readonly IRecognizerPool? _localRecognizers;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _readyWaiters = [];
    private IActorRef _socket = ActorRefs.Nobody;
    private IActorRef _capture = ActorRefs.Nobody;
    private IActorRef _turn = ActorRefs.Nobody;
    private ChannelWriter<ClientEvent>? _outgoing;
    private readonly Dictionary<int, TurnResult> _results = [];
    private readonly List<(int TurnNumber, IActorRef ReplyTo)> _turnWaiters = [];
    private int _requests;
    private string? _failure;

    public SessionActor(EngineSettings settings, RealtimeEndpoint endpoint, IKnowledgeSource knowledge, IActorRef observer, IRecognizerPool? localRecognizers = null)
    {
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
    public static Props Props(EngineSettings settings, RealtimeEndpoint endpoint, IKnowledgeSource knowledge, IActorRef? observer = null, IRecognizerPool? localRecognizers = null) =>
        Akka.Actor.Props.Create(() => new SessionActor(settings, endpoint, knowledge, observer ?? ActorRefs.Nobody, localRecognizers));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(
        maxNrOfRetries: _settings.Supervision.MaxRetries,
        withinTimeRange: _settings.Supervision.Within,
        localOnlyDecider: ex => ex switch
        {
            // The socket reports its own failures as messages; an exception there means a bug: start it afresh.
            ActorInitializationException => Directive.Stop,
            IOException => Directive.Restart,
            InvalidOperationException => Directive.Restart,
            _ => Directive.Escalate,
        });

    protected override void PreStart()
    {
        _socket = Context.ActorOf(RealtimeSocketActor.Props(_settings.Realtime, _endpoint.Uri, _endpoint.ApiKey, Self), "socket");
        _capture = Context.ActorOf(CaptureActor.Props(_settings.Capture), "capture");
        var speculator = Context.ActorOf(SpeculatorActor.Props(_settings.Speculation, _knowledge), "speculator");
        var playback = Context.ActorOf(PlaybackActor.Props(_settings.Playback), "playback");
        _turn = Context.ActorOf(TurnActor.Props(_settings, _socket, speculator, playback, _observer), "turn");
        Context.Watch(_socket);
        Timers.StartSingleTimer(SetupTimer, new SetupTimedOut(), _settings.Realtime.ConnectTimeout + _settings.Realtime.SessionTimeout);
    }

    private void Connecting()
    {
        Receive<RealtimeSocketActor.Connected>(connected =>
        {
            _outgoing = connected.Outgoing;
            _socket.Tell(new RealtimeSocketActor.Send(BuildSessionUpdate()));
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
        Receive<RealtimeSocketActor.ServerEventReceived>(e => _log.Debug("Configuring: ignoring {0}", e.Event.Type));
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
            _turn.Tell(new TurnActor.BeginTurn(label, Sender, run.Interrupt));
            _capture.Tell(new CaptureActor.StartCapture(run.WavPath, _outgoing!, _turn, LocalVad(), _localRecognizers));
            Become(InTurn);
        });
        Receive<AwaitReady>(_ => Sender.Tell(SessionReady.Instance));
        Receive<RealtimeSocketActor.ServerEventReceived>(e => _turn.Forward(e.Event));
        Receive<TurnCompleted>(completed => Record(completed.Result));
        Failures();
    }

    private void InTurn()
    {
        Receive<RealtimeSocketActor.ServerEventReceived>(e => _turn.Forward(e.Event));
        Receive<TurnCompleted>(completed =>
        {
            Record(completed.Result);
            Become(Ready);
            Stash.UnstashAll();
        });
        Receive<RunTurn>(_ => Stash.Stash());
        Receive<AwaitReady>(_ => Sender.Tell(SessionReady.Instance));
        Failures();
    }

    private void Failed()
    {
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
        Receive<RealtimeSocketActor.BadFrame>(bad => _log.Warning("Invalid frame from the server ({0}): {1}", bad.Code, bad.Message));
        Receive<RealtimeSocketActor.ConnectionLost>(lost =>
            Fail(lost.Reason is null ? "the realtime server closed the connection" : lost.Reason));
        Receive<SetupTimedOut>(_ => Fail("the realtime session was not configured in time"));
        Receive<Terminated>(t => t.ActorRef.Equals(_socket), _ => Fail("the realtime connection ended"));
    }

    private void Fail(string reason)
    {
        if (_failure is not null)
        {
            return;
        }

        _failure = reason;
        _log.Error("Session failed: {0}", reason);
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
        _results[result.TurnNumber] = result;
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

    private SessionUpdate BuildSessionUpdate()
    {
        var realtime = _settings.Realtime;
        var turn = _settings.Turn;
        return new SessionUpdate(new SessionConfig
        {
            Type = "realtime",
            Model = realtime.IsEmbedded ? null : realtime.Model,
            Instructions = string.IsNullOrWhiteSpace(realtime.Instructions) ? null : realtime.Instructions,
            OutputModalities = ["audio"],
            Tools = _settings.Answer.Injection == AnswerInjection.Tool ? KnowledgeTool.ToolsJson : null,
            ToolChoice = _settings.Answer.Injection == AnswerInjection.Tool ? System.Text.Json.JsonDocument.Parse("\"auto\"").RootElement.Clone() : null,
            Audio = new AudioConfig
            {
                Input = new AudioInputConfig
                {
                    Format = AudioFormat.Pcm24k,
                    Transcription = new TranscriptionConfig { Model = realtime.TranscriptionModel, Language = "en" },
                    // ActorVoice decides when the assistant answers and when it stops (barge-in guards), for both VAD types.
                    TurnDetection = turn.LocalTurns ? TurnDetection.Disabled : turn.VadType == TurnDetection.SemanticVad
                        ? new TurnDetection(TurnDetection.SemanticVad)
                        {
                            Eagerness = turn.VadEagerness,
                            CreateResponse = false,
                            InterruptResponse = false,
                        }
                        : new TurnDetection(TurnDetection.ServerVad)
                        {
                            Threshold = turn.VadThreshold,
                            PrefixPaddingMs = (int)turn.VadPrefixPadding.TotalMilliseconds,
                            SilenceDurationMs = (int)turn.VadSilenceDuration.TotalMilliseconds,
                            CreateResponse = false,
                            InterruptResponse = false,
                        },
                },
                Output = new AudioOutputConfig { Format = AudioFormat.Pcm24k, Voice = realtime.Voice },
            },
        });
    }

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

    private sealed record SetupTimedOut;
}
