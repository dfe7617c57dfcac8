using System.Runtime.InteropServices;
using System.Text.Json;
using Akka;
using Akka.Actor;
using Akka.DistributedData;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorVoice.Engine.Live;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using ActorVoice.Hosting.Sessions;
using ActorVoice.Server.Sessions;

namespace ActorVoice.Server.Cluster;

/// <summary>
/// One client's voice session as a Cluster.Sharding entity (entity id = the client's session id), on whichever node its
/// shard lives. A client's front attaches by sending its microphone as an <see cref="ISourceRef{T}"/> of PCM16 frames
/// through the shard region (the sender is the front's <see cref="ClientFrontActor"/>). The entity reads the session's
/// transcript log from Distributed Data, starts a live session with this node's <see cref="VoiceSessions"/> (the
/// microphone is the stream ref's source; answers and events go to the front through <see cref="RemoteOutbox"/>), and
/// writes the log back after every turn. On hand-off (a node leaving) it ends a running turn with the spoken notice,
/// writes the log and stops; the front re-attaches, and the session goes on on another node.
/// </summary>
internal sealed class SessionEntityActor : ReceiveActor, IWithStash, IWithTimers, IDisposable
{
    private const string HandoverTimer = "handover";
    private readonly string _sessionId;
    private readonly VoiceSessions _sessions;
    private readonly ClusterSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly Akka.Cluster.UniqueAddress _self = Akka.Cluster.Cluster.Get(Context.System).SelfUniqueAddress;
    private readonly LWWRegisterKey<string> _key;
    private readonly CancellationTokenSource _starting = new();
    private readonly TranscriptLog _transcript;
    private IActorRef _client = ActorRefs.Nobody;
    private IActorRef _session = ActorRefs.Nobody;
    private IActorRef _observer = ActorRefs.Nobody;
    private ISourceRef<byte[]>? _microphone;
    private int _lastTurn;
    // The last turn number the client saw (a turn cut off with its node may be missing from the stored log).
    private int _clientLastTurn;
    private int _generation;
    private bool _repeatedRef;
    private bool _inTurn;
    private DateTimeOffset _started;
    private DateTimeOffset _attachedAt;
    private double _logReadMs;

    public SessionEntityActor(string sessionId, VoiceSessions sessions, ClusterSettings settings)
    {
        _sessionId = sessionId;
        _sessions = sessions;
        _settings = settings;
        _key = new LWWRegisterKey<string>("voice-session-" + sessionId);
        _transcript = new TranscriptLog(sessions.Settings.Realtime.TranscriptLogSize);
        Idle();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string sessionId, VoiceSessions sessions, ClusterSettings settings) =>
        Akka.Actor.Props.Create(() => new SessionEntityActor(sessionId, sessions, settings));

    private string Node => _self.Address.ToString();

    private void Idle()
    {
        Receive<Attach>(attach =>
        {
            _clientLastTurn = attach.LastTurn;
            _generation = attach.Generation;
            // At once: the front then waits for the session start, not for a node that may be gone.
            Sender.Tell(new ClientFrontActor.Accepted(attach.Generation));
        });
        Receive<ISourceRef<byte[]>>(_ => _generation == 0, _ => { }); // a stream ref without its attachment: stale
        Receive<ISourceRef<byte[]>>(microphone =>
        {
            _client = Context.Watch(Sender);
            _microphone = microphone;
            _attachedAt = DateTimeOffset.UtcNow;
            _replicator.Tell(Dsl.Get(_key, new ReadMajority(_settings.TranscriptTimeout)));
            Become(Loading);
        });
        Receive<HandOff>(_ => Context.Stop(Self));
        Receive<EndSessionTurn>(_ => { });
    }

    /// <summary>Reading the transcript log (majority first, this node's copy when the majority does not answer in time).</summary>
    private void Loading()
    {
        Receive<GetSuccess>(success => StartSession(success.Get(_key).Value));
        Receive<NotFound>(_ => StartSession(null));
        Receive<GetFailure>(_ =>
        {
            _log.Warning("Session {SessionId}: no majority answered for its transcript log; using this node's copy", _sessionId);
            _replicator.Tell(Dsl.Get(_key, ReadLocal.Instance));
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_client), _ => Context.Stop(Self));
        Receive<HandOff>(_ => Context.Stop(Self));
        Repeats();
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>
    /// A front re-sends an attachment until it is accepted; the copies that arrive after the first (the attachment
    /// and its stream ref, in order) are answered again and dropped.
    /// </summary>
    private void Repeats()
    {
        Receive<Attach>(attach => attach.Generation == _generation, attach =>
        {
            _repeatedRef = true;
            Sender.Tell(new ClientFrontActor.Accepted(attach.Generation));
        });
        Receive<ISourceRef<byte[]>>(_ => _repeatedRef, _ => _repeatedRef = false);
    }

    private void StartSession(string? stored)
    {
        _logReadMs = (DateTimeOffset.UtcNow - _attachedAt).TotalMilliseconds;
        var history = stored is null ? SessionHistory.Empty : JsonSerializer.Deserialize<SessionHistory>(stored) ?? SessionHistory.Empty;
        history = history with { LastTurnNumber = Math.Max(history.LastTurnNumber, _clientLastTurn) };
        _transcript.Restore(history.Entries);
        _lastTurn = history.LastTurnNumber;
        var outbox = new RemoteOutbox(_client);
        _observer = Context.ActorOf(ClientObserverActor.Props(outbox), "observer");
        var self = Self;
        // The microphone crosses the network as PCM16 bytes (Akka's byte-array serializer, not JSON); its end (the
        // client left, its node went away) ends this incarnation, and the front re-attaches on its next frame.
        var microphone = _microphone!.Source
            .Select(ToSamples)
            .WatchTermination((_, done) =>
            {
                done.ContinueWith(_ => self.Tell(MicrophoneEnded.Instance), TaskScheduler.Default);
                return NotUsed.Instance;
            });
        var audio = new LiveAudio(microphone, new SocketSpeaker(outbox));
        _sessions.StartLiveAsync(Self, $"session-{_sessionId}-{Guid.NewGuid().ToString("N")[..6]}", audio, _starting.Token, history)
            .PipeTo(Self, success: session => new SessionStarted(session), failure: ex => new SessionStartFailed(ex.Message));
        Become(Starting);
    }

    private void Starting()
    {
        Receive<SessionStarted>(started =>
        {
            _session = Context.Watch(started.Session);
            _started = DateTimeOffset.UtcNow;
            _client.Tell(new ClientFrontActor.Attached(Node, _lastTurn, _generation));
            Context.System.EventStream.Publish(new SessionEntityEvent(_sessionId, Node, Started: true, _started, _transcript.Entries.Count, _lastTurn, _logReadMs, (_started - _attachedAt).TotalMilliseconds));
            _log.Info("Session {SessionId} runs on {Node} (from turn {LastTurn})", _sessionId, Node, _lastTurn);
            Become(Running);
            Stash.UnstashAll();
        });
        Receive<SessionStartFailed>(failed =>
        {
            _client.Tell(new ClientFrontActor.AttachFailed(failed.Reason, _generation));
            Context.Stop(Self);
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_client), _ => Context.Stop(Self));
        Repeats();
        ReceiveAny(_ => Stash.Stash());
    }

    private void Running()
    {
        Notifications();
        Receive<EndSessionTurn>(end => _session.Tell(new SessionActor.EndTurn(end.Reason)));
        Receive<HandOff>(_ =>
        {
            if (CoordinatedShutdown.Get(Context.System).ShutdownReason is CoordinatedShutdown.ClusterDowningReason)
            {
                // This node was downed (the other side of a partition took its sessions): stop now, no notice, no write;
                // the survivors start the session from the log as last written.
                _log.Warning("Session {SessionId}: this node was downed; stopping at once", _sessionId);
                Context.Stop(Self);
                return;
            }

            _log.Info("Session {SessionId}: handing over (this node is leaving)", _sessionId);
            _client.Tell(ClientFrontActor.Moving.Instance);
            if (_inTurn)
            {
                // Nobody is cut off in silence: the running turn ends with the spoken notice, then the session moves.
                _session.Tell(new SessionActor.EndTurn("the session is moving to another node"));
                Timers.StartSingleTimer(HandoverTimer, HandoverDue.Instance, _settings.HandoverNotice);
                Become(HandingOver);
            }
            else
            {
                WriteLogThenStop();
            }
        });
        // The front already holds a newer attachment (it gave this one up): this incarnation ends, the next frame re-attaches.
        Repeats();
        Receive<Attach>(attach => _generation = attach.Generation);
        Receive<ISourceRef<byte[]>>(_ =>
        {
            Sender.Tell(new ClientFrontActor.AttachFailed("the session was still attached; retrying", _generation));
            Context.Stop(Self);
        });
        Lifetime();
    }

    private void HandingOver()
    {
        // Before the shared handlers, which ignore these two while no hand-over runs.
        Receive<TurnEnded>(_ => WriteLogThenStop());
        Receive<HandoverDue>(_ => WriteLogThenStop());
        Notifications();
        Receive<HandOff>(_ => { });
        Receive<EndSessionTurn>(_ => { });
        Lifetime();
    }

    private void WriteLogThenStop()
    {
        Timers.StartSingleTimer(HandoverTimer, HandoverDue.Instance, _settings.TranscriptTimeout + TimeSpan.FromSeconds(1));
        WriteLog();
        Become(() =>
        {
            Receive<IUpdateResponse>(_ => Context.Stop(Self));
            Receive<HandoverDue>(_ => Context.Stop(Self));
            // The client still hears what happens until the session stops (a turn begun meanwhile ends failed on its front).
            Notifications();
            Receive<Terminated>(_ => { });
            ReceiveAny(_ => { });
        });
    }

    /// <summary>The session's notifications: kept for the log, then to the observer that makes the client's events.</summary>
    private void Notifications()
    {
        Receive<TurnStateChanged>(changed =>
        {
            _inTurn = changed.State != "idle";
            _observer.Forward(changed);
        });
        Receive<TurnCompleted>(completed =>
        {
            _transcript.Add(completed.Result);
            _lastTurn = Math.Max(_lastTurn, completed.Result.TurnNumber);
            _observer.Forward(completed);
            WriteLog();
            Self.Tell(TurnEnded.Instance);
        });
        Receive<IUpdateResponse>(response =>
        {
            if (!response.IsSuccessful)
            {
                _log.Warning("Session {SessionId}: the transcript log reached no majority in time (kept on this node, gossiped later)", _sessionId);
            }
        });
        Receive<TurnEnded>(_ => { });
        Receive<HandoverDue>(_ => { });
    }

    private void Lifetime()
    {
        Receive<MicrophoneEnded>(_ => Context.Stop(Self));
        Receive<Terminated>(t => t.ActorRef.Equals(_client), _ => Context.Stop(Self));
        Receive<Terminated>(t => t.ActorRef.Equals(_session), _ => Context.Stop(Self));
        Receive<Terminated>(_ => { });
        ReceiveAny(message => _observer.Forward(message));
    }

    private void WriteLog()
    {
        var json = JsonSerializer.Serialize(new SessionHistory(_transcript.Entries, _lastTurn));
        _replicator.Tell(Dsl.Update(_key, new LWWRegister<string>(_self, json), new WriteMajority(_settings.TranscriptTimeout), register => register.WithValue(_self, json)));
    }

    protected override void PostStop()
    {
        _starting.Cancel();
        if (!_session.IsNobody())
        {
            Context.System.Stop(_session);
            Context.System.EventStream.Publish(new SessionEntityEvent(_sessionId, Node, Started: false, DateTimeOffset.UtcNow));
        }
    }

    public void Dispose() => _starting.Dispose();

    private static short[] ToSamples(byte[] bytes)
    {
        var samples = new short[bytes.Length / 2];
        MemoryMarshal.Cast<byte, short>(bytes.AsSpan(0, samples.Length * 2)).CopyTo(samples);
        return samples;
    }

    /// <summary>
    /// From the front, just before the microphone's stream ref: the last turn number its client saw, from which the
    /// session's turns go on, and the attachment's number (echoed in the answer, so the front can tell a stale one).
    /// </summary>
    public sealed record Attach(int LastTurn, int Generation);

    /// <summary>Ends the session's running turn with the spoken notice (a drain on the client's front node).</summary>
    public sealed record EndSessionTurn(string Reason);

    /// <summary>Cluster.Sharding's hand-off stop message: the shard is moving (the node leaves).</summary>
    public sealed record HandOff
    {
        public static HandOff Instance { get; } = new();
    }

    private sealed record SessionStarted(IActorRef Session);

    private sealed record SessionStartFailed(string Reason);

    private sealed record MicrophoneEnded
    {
        public static MicrophoneEnded Instance { get; } = new();
    }

    private sealed record TurnEnded
    {
        public static TurnEnded Instance { get; } = new();
    }

    private sealed record HandoverDue
    {
        public static HandoverDue Instance { get; } = new();
    }
}
