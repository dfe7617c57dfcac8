using System.Runtime.InteropServices;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using ActorVoice.Server.Sessions;
using ActorVoice.Server.Sockets;

namespace ActorVoice.Server.Cluster;

/// <summary>
/// A client's end of its sharded session, on the front node that holds its WebSocket. It attaches the session: the
/// connection's microphone channel becomes a stream ref (<see cref="StreamRefs.SourceRef{T}"/>) sent through the shard
/// region, which starts the <see cref="SessionEntityActor"/> on its shard's node. What the entity sends back goes into
/// the connection's queue. It watches the entity: when the entity's node is lost (downed by the split-brain resolver) or
/// hands it over, the session is marked lost, and the client's next microphone frame attaches it again (a new stream
/// ref; the region allocates the shard on a surviving node). A turn cut off by a lost node ends with outcome
/// <c>failed</c>, so every turn the client saw start has one outcome.
/// </summary>
internal sealed class ClientFrontActor : ReceiveActor, IWithTimers
{
    private const string AttachTimer = "attach";
    private readonly string _sessionId;
    private readonly ClientOutbox _outbox;
    private readonly ChannelReader<short[]> _microphone;
    private readonly IActorRef _region;
    private readonly TimeSpan _attachTimeout;
    private readonly TimeSpan _reattachInterval;
    private readonly PlacementState _state;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TaskCompletionSource _ready;
    private IActorRef _entity = ActorRefs.Nobody;
    private DateTimeOffset? _lostAt;
    private string _lostReason = string.Empty;
    private int _attachments;
    // Each attachment has its own microphone stream; an older one's late answer is ignored and its stream shut.
    private int _generation;
    private UniqueKillSwitch? _microphoneSwitch;
    private ISourceRef<byte[]>? _pending;
    private DateTimeOffset _generationStarted;
    // A stream ref nobody subscribes to fails after akka.stream.materializer.stream-ref.subscription-timeout (30 s by
    // default); an attachment is re-sent as it is for a while below that, then made anew.
    private static readonly TimeSpan ResendFor = TimeSpan.FromSeconds(20);

    public ClientFrontActor(string sessionId, ClientOutbox outbox, ChannelReader<short[]> microphone, IActorRef region, TimeSpan attachTimeout, TimeSpan reattachInterval, PlacementState state, TaskCompletionSource ready)
    {
        _reattachInterval = reattachInterval;
        _sessionId = sessionId;
        _outbox = outbox;
        _microphone = microphone;
        _region = region;
        _attachTimeout = attachTimeout;
        _state = state;
        _ready = ready;
        Attaching();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string sessionId, ClientOutbox outbox, ChannelReader<short[]> microphone, IActorRef region, TimeSpan attachTimeout, TimeSpan reattachInterval, PlacementState state, TaskCompletionSource ready) =>
        Akka.Actor.Props.Create(() => new ClientFrontActor(sessionId, outbox, microphone, region, attachTimeout, reattachInterval, state, ready));

    protected override void PreStart() => Attach();

    protected override void PostStop()
    {
        _microphoneSwitch?.Shutdown();
        _ready.TrySetCanceled();
    }

    private void Attach()
    {
        _attachments++;
        var generation = ++_generation;
        // One reader of the microphone channel at a time: the previous attachment's stream ends here.
        _microphoneSwitch?.Shutdown();
        // The microphone crosses the network as PCM16 bytes: Akka's byte-array serializer, not JSON per frame.
        var (killSwitch, reference) = ChannelSource.FromReader(_microphone)
            .Select(ToBytes)
            .ViaMaterialized(KillSwitches.Single<byte[]>(), Keep.Right)
            .ToMaterialized(StreamRefs.SourceRef<byte[]>(), Keep.Both)
            .Run(Context.Materializer());
        _microphoneSwitch = killSwitch;
        _pending = null;
        _generationStarted = DateTimeOffset.UtcNow;
        reference.PipeTo(Self, success: r => new MicrophoneReady(generation, r), failure: ex => new AttachTimedOut(generation, ex.Message));
        ScheduleResend(generation);
    }

    /// <summary>
    /// A session placed again is re-sent the same attachment unless its entity accepts it soon: the shard may still be
    /// allocated on the old node (unreachable, not yet downed), where attachments are lost; the region delivers the
    /// copies in order once the shard has a new home, and the entity ignores the repeats. Once accepted, the wait is
    /// for a session start.
    /// </summary>
    private void ScheduleResend(int generation)
    {
        if (_ready.Task.IsCompleted)
        {
            Timers.StartSingleTimer(AttachTimer, new ResendDue(generation), _reattachInterval);
        }
        else
        {
            Timers.StartSingleTimer(AttachTimer, new AttachTimedOut(generation, "no node accepted the session"), _attachTimeout);
        }
    }

    private void SendAttachment(int generation, ISourceRef<byte[]> reference)
    {
        // Two envelopes from one sender through one region arrive in order; the stream ref travels on its own so that
        // its own serializer carries it.
        _region.Tell(new ShardingEnvelope(_sessionId, new SessionEntityActor.Attach(_outbox.Turn, generation)));
        _region.Tell(new ShardingEnvelope(_sessionId, reference));
    }

    private void Attaching()
    {
        Receive<MicrophoneReady>(ready => ready.Generation == _generation, ready =>
        {
            _pending = ready.Reference;
            SendAttachment(ready.Generation, ready.Reference);
        });
        Receive<ResendDue>(due => due.Generation == _generation, due =>
        {
            if (_pending is not null && DateTimeOffset.UtcNow - _generationStarted < ResendFor)
            {
                SendAttachment(due.Generation, _pending);
                ScheduleResend(due.Generation);
            }
            else
            {
                OnAttachFailed("no node accepted the session");
            }
        });
        Receive<ResendDue>(_ => { });
        Receive<MicrophoneReady>(_ => { });
        Receive<Accepted>(accepted => accepted.Generation == _generation, accepted =>
            Timers.StartSingleTimer(AttachTimer, new AttachTimedOut(accepted.Generation, "the session did not start in time"), _attachTimeout));
        Receive<Accepted>(_ => { });
        Receive<Attached>(attached => attached.Generation == _generation, attached =>
        {
            Timers.Cancel(AttachTimer);
            _entity = Context.Watch(Sender);
            _state.Attached();
            if (_lostAt is { } at)
            {
                var took = DateTimeOffset.UtcNow - at;
                _log.Info("Session {SessionId} attached again on {Node} after {TookMs} ms ({Reason})", _sessionId, attached.Node, (int)took.TotalMilliseconds, _lostReason);
                _outbox.Send(ClientEvents.SessionReconnected(new SessionReconnected(_attachments - 1, took, _lostReason)));
                _lostAt = null;
            }

            _ready.TrySetResult();
            Become(Serving);
        });
        Receive<Attached>(_ => { });
        Receive<AttachFailed>(failed => failed.Generation == _generation, failed => OnAttachRefused(failed.Reason));
        Receive<RetryAttach>(_ => Attach());
        Receive<AttachFailed>(_ => { });
        Receive<AttachTimedOut>(timedOut => timedOut.Generation == _generation, timedOut => OnAttachFailed(timedOut.Reason));
        Receive<AttachTimedOut>(_ => { });
        Receive<Reattach>(_ => { });
        Receive<ToClient>(_ => { }); // late messages of an incarnation given up
        Receive<TurnChanged>(_ => { });
        Receive<ResponseStopped>(_ => { });
        Receive<Moving>(_ => { });
        Receive<EndTurn>(_ => { });
        Receive<Terminated>(_ => { });
    }

    private void OnAttachFailed(string reason)
    {
        Timers.Cancel(AttachTimer);
        if (!_ready.Task.IsCompleted)
        {
            _ready.TrySetException(new InvalidOperationException("The voice session could not start: " + reason));
            Context.Stop(Self);
            return;
        }

        _log.Info("Session {SessionId}: attaching again failed ({Reason}); retrying", _sessionId, reason);
        Attach();
    }

    private void OnAttachRefused(string reason)
    {
        if (!_ready.Task.IsCompleted)
        {
            OnAttachFailed(reason);
            return;
        }

        // Refused, not lost: wait a little before asking again.
        _log.Warning("Session {SessionId}: its node refused it ({Reason}); retrying in {RetryMs} ms", _sessionId, reason, (int)_reattachInterval.TotalMilliseconds);
        Timers.StartSingleTimer(AttachTimer, RetryAttach.Instance, _reattachInterval);
    }

    private void Serving()
    {
        Receive<ToClient>(message =>
        {
            if (message.Binary)
            {
                _outbox.SendAudio(message.ResponseId ?? string.Empty, message.Payload);
            }
            else
            {
                _outbox.Send(message.Payload);
            }
        });
        Receive<TurnChanged>(changed => _outbox.TurnChanged(changed.Turn, changed.State));
        Receive<ResponseStopped>(stopped => _outbox.StopResponse(stopped.ResponseId));
        Receive<EndTurn>(end => _entity.Tell(new SessionEntityActor.EndSessionTurn(end.Reason)));
        Receive<Moving>(_ => _lostReason = "the node serving the session left");
        Receive<Terminated>(t => t.ActorRef.Equals(_entity), t =>
        {
            var reason = _lostReason.Length > 0 ? _lostReason : t.AddressTerminated ? "the node serving the session was lost" : "the session stopped on its node";
            _log.Warning("Session {SessionId}: {Reason}; it is placed again on the next frame", _sessionId, reason);
            if (_outbox.InTurn)
            {
                // The turn's node is gone: it still gets its one outcome.
                var turn = _outbox.Turn;
                _outbox.Send(ClientEvents.TurnCompleted(new TurnResult(turn, $"turn{turn:00}") { Outcome = TurnOutcome.Failed, Error = reason }));
                _outbox.TurnChanged(turn, "idle");
                _outbox.Send(ClientEvents.TurnState(turn, ClientEvents.CoarseState("idle"), "idle", null));
            }

            GoLost(reason);
        });
        Receive<Terminated>(_ => { });
        Receive<Reattach>(_ => { });
        // Late answers to attachments given up.
        Receive<Accepted>(_ => { });
        Receive<Attached>(_ => { });
        Receive<AttachFailed>(_ => { });
        Receive<MicrophoneReady>(_ => { });
        Receive<AttachTimedOut>(_ => { });
        Receive<RetryAttach>(_ => { });
        Receive<ResendDue>(_ => { });
    }

    private void GoLost(string reason)
    {
        _entity = ActorRefs.Nobody;
        _microphoneSwitch?.Shutdown();
        _microphoneSwitch = null;
        _lostAt ??= DateTimeOffset.UtcNow;
        _lostReason = reason;
        _state.Lost();
        Become(Lost);
    }

    private void Lost()
    {
        Receive<Reattach>(_ =>
        {
            Attach();
            Become(Attaching);
        });
        Receive<EndTurn>(_ => { });
        Receive<ToClient>(_ => { });
        Receive<TurnChanged>(_ => { });
        Receive<ResponseStopped>(_ => { });
        Receive<Moving>(_ => { });
        Receive<MicrophoneReady>(_ => { });
        Receive<Accepted>(_ => { });
        Receive<Attached>(_ => { });
        Receive<AttachFailed>(_ => { });
        Receive<AttachTimedOut>(_ => { });
        Receive<RetryAttach>(_ => { });
        Receive<ResendDue>(_ => { });
        Receive<Terminated>(_ => { });
    }

    private static byte[] ToBytes(short[] samples) => MemoryMarshal.AsBytes(samples.AsSpan()).ToArray();

    /// <summary>From the entity: the session runs on <paramref name="Node"/>, its turns going on after <paramref name="LastTurn"/>.</summary>
    public sealed record Attached(string Node, int LastTurn, int Generation);

    /// <summary>From the entity: attachment <paramref name="Generation"/> arrived; the session is starting.</summary>
    public sealed record Accepted(int Generation);

    /// <summary>From the entity: the session could not start there.</summary>
    public sealed record AttachFailed(string Reason, int Generation);

    /// <summary>From the entity: its node is leaving; the session moves once its turn has ended.</summary>
    public sealed record Moving
    {
        public static Moving Instance { get; } = new();
    }

    /// <summary>From the entity: a JSON event (text) or answer audio (binary PCM16 of <paramref name="ResponseId"/>) for the client.</summary>
    public sealed record ToClient(byte[] Payload, bool Binary, string? ResponseId);

    /// <summary>From the entity: the session's turn <paramref name="Turn"/> is now in <paramref name="State"/>.</summary>
    public sealed record TurnChanged(int Turn, string State);

    /// <summary>From the entity: drop the audio of <paramref name="ResponseId"/> still queued for the client.</summary>
    public sealed record ResponseStopped(string ResponseId);

    /// <summary>From the connection: end the running turn with the spoken notice.</summary>
    public sealed record EndTurn(string Reason);

    /// <summary>From the connection: a frame arrived while the session was lost.</summary>
    public sealed record Reattach
    {
        public static Reattach Instance { get; } = new();
    }

    private sealed record MicrophoneReady(int Generation, ISourceRef<byte[]> Reference);

    private sealed record AttachTimedOut(int Generation, string Reason);

    private sealed record ResendDue(int Generation);

    private sealed record RetryAttach
    {
        public static RetryAttach Instance { get; } = new();
    }
}
