using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Playback;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Faults;

namespace ActorVoice.Engine.Realtime;

/// <summary>
/// Owns the session's WebSocket to the realtime endpoint. Typed client events in (<see cref="Send"/>), JSON
/// out; decoded server events go straight to the subscriber in arrival order. The capture stream writes audio
/// to <see cref="Connected.Outgoing"/> without an actor hop per frame; <see cref="Send"/> goes through the
/// connection's control queue, which is never full and is sent before queued audio. The assistant's audio goes,
/// decoded, to the playback channel given at creation, never through a mailbox.
/// </summary>
/// <remarks>
/// The actor outlives its connections (its reference stays valid for the turn and the session): a connection that is
/// lost (closed, keep-alive timeout, an injected drop) or a crash of the actor itself is reported as
/// <see cref="ConnectionInterrupted"/> and reconnected with <see cref="ReconnectBackoff"/>; each new connection is
/// announced with <see cref="Connected"/> (the owner configures and re-seeds it). Only when
/// <c>realtime.reconnect.max-attempts</c> attempts in a row have failed (or the very first connection fails) does it
/// report <see cref="ConnectionLost"/> and stop. <see cref="Recycle"/> opens a new connection while the old one still
/// serves (a planned handoff); the old one closes on <see cref="RetireConnection"/>. Client events sent while no
/// connection is open are dropped (the turn hears of the loss and re-sends what it needs on the new connection).
/// </remarks>
public sealed class RealtimeSocketActor : ReceiveActor, IWithStash, IWithTimers, IDisposable
{
    private const string ReconnectTimer = "reconnect";
    private readonly FaultInjection _faults;
    private readonly CrashPoint _crashPoint;
    private readonly RealtimeSettings _settings;
    private readonly ReconnectBackoff _backoff;
    private readonly Uri _uri;
    private readonly RealtimeKey? _apiKey;
    private readonly IActorRef _subscriber;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ChannelWriter<AssistantAudio>? _audio;
    private readonly CancellationTokenSource _connecting = new();
    // The generation whose events reach the subscriber: a connection being replaced (or already lost) falls silent.
    private readonly StrongBox<int> _live = new(0);
    private RealtimeClientConnection? _connection;
    private RealtimeClientConnection? _retiring;
    private int _generation;
    private int _attempt;
    private bool _reconnecting;
    private bool _oldDiedDuringHandoff;

    // Event types this build does not model: logged once per type, never per event (a newer server may send many).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _unknownTypes = new(StringComparer.Ordinal);

    public RealtimeSocketActor(RealtimeSettings settings, Uri uri, RealtimeKey? apiKey, IActorRef subscriber, ChannelWriter<AssistantAudio>? audio, FaultInjection? faults = null)
    {
        _faults = faults ?? FaultInjection.None;
        _crashPoint = _faults.CrashPointFor("socket");
        _audio = audio;
        _settings = settings;
        _backoff = new ReconnectBackoff(settings.Reconnect);
        _uri = uri;
        _apiKey = apiKey;
        _subscriber = subscriber;
        Connecting();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The socket actor; with <c>audio</c>, the assistant's audio goes there decoded (see <see cref="AssistantAudio"/>) instead of in the events.</summary>
    public static Props Props(RealtimeSettings settings, Uri uri, RealtimeKey? apiKey, IActorRef subscriber, ChannelWriter<AssistantAudio>? audio = null, FaultInjection? faults = null) =>
        Akka.Actor.Props.Create(() => new RealtimeSocketActor(settings, uri, apiKey, subscriber, audio, faults));

    /// <summary>A planned crash (<c>actorvoice.faults.crashes</c>) strikes here, before the message is handled.</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        _crashPoint.BeforeMessage(message);
        return base.AroundReceive(receive, message);
    }

    protected override void PreStart() => StartConnection(++_generation);

    /// <summary>After a crash (the session restarts the socket): the old connection went with the old instance; reconnect with backoff.</summary>
    protected override void PostRestart(Exception reason)
    {
        _subscriber.Tell(new ConnectionInterrupted($"the socket actor crashed: {reason.Message}"));
        _reconnecting = true;
        _attempt = 1;
        ScheduleAttempt();
    }

    /// <summary>Starts connection <paramref name="generation"/>; the result comes back as <see cref="Opened"/> or <see cref="OpenFailed"/>.</summary>
    private void StartConnection(int generation)
    {
        var self = Self;
        var subscriber = _subscriber;
        var cancel = _connecting.Token;
        var live = _live;
        Volatile.Write(ref live.Value, generation);
        ConnectAsync().PipeTo(self, success: c => new Opened(c, generation), failure: ex => new OpenFailed(ex, generation));

        async Task<RealtimeClientConnection> ConnectAsync()
        {
            var connection = await RealtimeClientConnection.ConnectAsync(
                _uri,
                _apiKey,
                _settings.KeepAlive,
                _settings.ConnectTimeout,
                e =>
                {
                    if (Volatile.Read(ref live.Value) != generation)
                    {
                        return; // a replaced connection's late events
                    }

                    Observe(e, self);
                    subscriber.Tell(new ServerEventReceived(e));
                },
                bad => subscriber.Tell(new BadFrame(bad.Code, bad.Message)),
                cancel,
                _audio,
                _faults,
                _settings.KeepAliveTimeout);
            if (cancel.IsCancellationRequested)
            {
                // The actor stopped while the handshake finished: nobody will own this connection.
                await connection.DisposeAsync();
                throw new OperationCanceledException(cancel);
            }

            return connection;
        }
    }

    protected override void PostStop()
    {
        // A connect still in progress is abandoned; open connections are closed.
        _connecting.Cancel();
        Close(ref _connection);
        Close(ref _retiring);
    }

    private static void Close(ref RealtimeClientConnection? connection)
    {
        var closing = connection;
        connection = null;
        if (closing is not null)
        {
            _ = closing.DisposeAsync().AsTask();
        }
    }

    /// <summary>Called by Akka after <see cref="PostStop"/>.</summary>
    public void Dispose() => _connecting.Dispose();

    /// <summary>Runs on the receive loop: flags what the actor should log or act on, without an extra hop per event.</summary>
    private void Observe(RealtimeEvent e, IActorRef self)
    {
        switch (e)
        {
            case RawEvent raw when _unknownTypes.TryAdd(raw.RawType, 0):
                self.Tell(new UnknownEventType(raw.RawType));
                break;
            case ErrorEvent { Error.Code: "session_expired" } expired:
                self.Tell(new SessionExpired(expired.Error.Message));
                break;
            case ResponseDone { Response.Status: not RealtimeResponse.Completed } done:
                self.Tell(new ResponseEnded(done.Response.Id, done.Response.Status, done.Response.StatusDetails?.Reason, done.Response.StatusDetails?.Error?.Code));
                break;
        }
    }

    private void Observations()
    {
        Receive<UnknownEventType>(u => _log.Info("Ignoring server events of unknown type '{EventType}' (logged once per type)", u.Type));
        Receive<ResponseEnded>(r => _log.Warning("Response {ResponseId} ended {Status} (reason {Reason}, error {ErrorCode})", r.ResponseId, r.Status, r.Reason ?? "none", r.ErrorCode ?? "none"));
        Receive<SessionExpired>(x =>
        {
            // OpenAI ends sessions after 60 minutes and there is no resume: the owner hands over to a new connection
            // (between turns); if the server closes first, the loss is reconnected like any other.
            _log.Warning("The realtime session expired: {Reason}", x.Message);
            _subscriber.Tell(new SessionExpiring(x.Message));
        });
        Receive<RetireConnection>(_ => Close(ref _retiring));
        // A connection that is no longer the current one (retired, or replaced after a loss) ends quietly.
        Receive<Closed>(c => !ReferenceEquals(c.Connection, _connection), c =>
        {
            if (ReferenceEquals(c.Connection, _retiring))
            {
                _retiring = null;
            }
        });
    }

    /// <summary>Waiting for a handshake: the first connection (sends wait), or a reconnection (sends are dropped).</summary>
    private void Connecting()
    {
        Observations();
        Receive<Opened>(o => o.Generation == _generation, opened =>
        {
            _connection = opened.Connection;
            var attempts = _reconnecting ? _attempt : 0;
            _log.Info(_reconnecting ? "Reconnected to {Endpoint} (attempt {Attempt})" : "Connected to {Endpoint}", RealtimeClientConnection.Redact(_uri), attempts);
            _reconnecting = false;
            _attempt = 0;
            Watch(opened.Connection);
            _subscriber.Tell(new Connected(opened.Connection.Outgoing, attempts));
            Become(Open);
            Stash.UnstashAll();
        });
        Receive<OpenFailed>(f => f.Generation == _generation, failed =>
        {
            _log.Warning("Connecting failed: {Reason}", failed.Reason.Message);
            if (!_reconnecting)
            {
                // The first connection: a wrong URL or key will not get better by retrying.
                _subscriber.Tell(new ConnectionLost(failed.Reason.Message));
                Context.Stop(Self);
                return;
            }

            RetryOrGiveUp(failed.Reason.Message);
        });
        StaleHandshakes();
        Receive<Send>(send =>
        {
            if (_reconnecting)
            {
                _log.Debug("No connection; dropped {EventType}", send.Event.Type);
            }
            else
            {
                Stash.Stash();
            }
        });
        Receive<Recycle>(_ => { }); // a new connection is on its way anyway
    }

    /// <summary>Between reconnection attempts.</summary>
    private void Waiting()
    {
        Observations();
        Receive<ReconnectNow>(_ =>
        {
            _log.Info("Reconnecting to {Endpoint} (attempt {Attempt} of {MaxAttempts})", RealtimeClientConnection.Redact(_uri), _attempt, _backoff.MaxAttempts);
            StartConnection(++_generation);
            Become(Connecting);
        });
        StaleHandshakes();
        Receive<Send>(send => _log.Debug("No connection; dropped {EventType}", send.Event.Type));
        Receive<Recycle>(_ => { });
    }

    private void Open()
    {
        Observations();
        Receive<Send>(send => Write(_connection!, send));
        Receive<Closed>(closed => OnLost(closed.Reason?.Message ?? "the server closed the connection"));
        Receive<Recycle>(_ =>
        {
            _log.Info("Recycling the realtime connection: opening its successor");
            _oldDiedDuringHandoff = false;
            StartConnection(++_generation);
            Become(HandingOff);
        });
        StaleHandshakes();
    }

    /// <summary>A planned handoff: the old connection stays current until the new one is open.</summary>
    private void HandingOff()
    {
        Observations();
        Receive<Opened>(o => o.Generation == _generation, opened =>
        {
            Close(ref _retiring);
            _retiring = _oldDiedDuringHandoff ? null : _connection;
            _connection = opened.Connection;
            Watch(opened.Connection);
            _log.Info("The successor connection is open; the old one closes once the new session is configured");
            _subscriber.Tell(new Connected(opened.Connection.Outgoing, Attempts: 1, Handoff: true));
            Become(Open);
        });
        Receive<OpenFailed>(f => f.Generation == _generation, failed =>
        {
            if (_oldDiedDuringHandoff)
            {
                _connection = null;
                OnLost(failed.Reason.Message);
                return;
            }

            // The old connection still serves: its events count again; the owner may try later.
            _log.Warning("The successor connection failed: {Reason}", failed.Reason.Message);
            Volatile.Write(ref _live.Value, --_generation);
            _subscriber.Tell(new HandoffFailed(failed.Reason.Message));
            Become(Open);
        });
        Receive<Send>(send =>
        {
            if (_connection is { } connection && !_oldDiedDuringHandoff)
            {
                Write(connection, send);
            }
        });
        Receive<Closed>(_ => _oldDiedDuringHandoff = true);
        Receive<Recycle>(_ => { });
    }

    /// <summary>A handshake of an abandoned generation (e.g. finished after the actor moved on): close it.</summary>
    private void StaleHandshakes()
    {
        Receive<Opened>(opened => _ = opened.Connection.DisposeAsync().AsTask());
        Receive<OpenFailed>(_ => { });
    }

    private void Watch(RealtimeClientConnection connection) =>
        connection.Completion.PipeTo(Self, success: reason => new Closed(reason, connection), failure: ex => new Closed(ex, connection));

    private void Write(RealtimeClientConnection connection, Send send)
    {
        if (send.Event is InputAudioBufferCommit or InputAudioBufferClear)
        {
            // These act on the audio sent so far, so they keep their place after it: written in order into the
            // audio queue, waiting (never dropped) while it is full.
            _ = connection.Outgoing.WriteAsync(send.Event).AsTask();
        }
        else if (!connection.Control.TryWrite(send.Event))
        {
            // The control queue is unbounded: this only happens once the connection is closing.
            _log.Warning("Connection closing; dropped {EventType}", send.Event.Type);
        }
    }

    /// <summary>The current connection ended: report it and reconnect (or give up when no attempts are allowed).</summary>
    private void OnLost(string reason)
    {
        _log.Warning("The realtime connection was lost: {Reason}", reason);
        Close(ref _connection);
        Volatile.Write(ref _live.Value, ++_generation); // nothing more from the lost connection reaches the subscriber
        _subscriber.Tell(new ConnectionInterrupted(reason));
        if (_backoff.MaxAttempts == 0)
        {
            _subscriber.Tell(new ConnectionLost(reason));
            Context.Stop(Self);
            return;
        }

        _reconnecting = true;
        _attempt = 1;
        ScheduleAttempt();
    }

    private void RetryOrGiveUp(string reason)
    {
        if (_attempt >= _backoff.MaxAttempts)
        {
            var message = $"could not reconnect after {_attempt} attempts: {reason}";
            _log.Error("Giving up: {Reason}", message);
            _subscriber.Tell(new ConnectionLost(message));
            Context.Stop(Self);
            return;
        }

        _attempt++;
        ScheduleAttempt();
    }

    private void ScheduleAttempt()
    {
        var delay = _backoff.DelayBefore(_attempt);
        _log.Info("Next connection attempt in {DelayMs} ms", (int)delay.TotalMilliseconds);
        Timers.StartSingleTimer(ReconnectTimer, ReconnectNow.Instance, delay);
        Become(Waiting);
    }

    /// <summary>Send one client event.</summary>
    public sealed record Send(ClientEvent Event);

    /// <summary>
    /// To the subscriber: a connection is open; audio frames may be written to <paramref name="Outgoing"/>. After a
    /// loss, <paramref name="Attempts"/> counts the attempts it took (0 for the first connection); <paramref name="Handoff"/>
    /// marks the successor of a planned <see cref="Recycle"/> (the old connection closes on <see cref="RetireConnection"/>).
    /// </summary>
    public sealed record Connected(ChannelWriter<ClientEvent> Outgoing, int Attempts = 0, bool Handoff = false);

    /// <summary>To the subscriber: one decoded server event.</summary>
    public sealed record ServerEventReceived(RealtimeEvent Event);

    /// <summary>To the subscriber: a frame that was not a valid event (kept out of the turn logic, logged).</summary>
    public sealed record BadFrame(string Code, string Message);

    /// <summary>To the subscriber: the connection is gone for good (the first one could not be opened, or every reconnection attempt failed); the actor stops.</summary>
    public sealed record ConnectionLost(string? Reason);

    /// <summary>To the subscriber: the open connection was lost; reconnection has begun (a <see cref="Connected"/> or <see cref="ConnectionLost"/> follows).</summary>
    public sealed record ConnectionInterrupted(string Reason);

    /// <summary>To the subscriber: the server said the realtime session expired (a handoff is due).</summary>
    public sealed record SessionExpiring(string Message);

    /// <summary>To the subscriber: the successor of a <see cref="Recycle"/> could not be opened; the old connection still serves.</summary>
    public sealed record HandoffFailed(string Reason);

    /// <summary>Open a successor connection while the current one still serves (a planned handoff between turns).</summary>
    public sealed record Recycle
    {
        public static Recycle Instance { get; } = new();
    }

    /// <summary>The successor is configured: close the connection it replaced.</summary>
    public sealed record RetireConnection
    {
        public static RetireConnection Instance { get; } = new();
    }

    private sealed record ReconnectNow
    {
        public static ReconnectNow Instance { get; } = new();
    }

    private sealed record Opened(RealtimeClientConnection Connection, int Generation);

    private sealed record UnknownEventType(string Type);

    private sealed record SessionExpired(string Message);

    private sealed record ResponseEnded(string ResponseId, string Status, string? Reason, string? ErrorCode);

    private sealed record OpenFailed(Exception Reason, int Generation);

    private sealed record Closed(Exception? Reason, RealtimeClientConnection Connection);
}
