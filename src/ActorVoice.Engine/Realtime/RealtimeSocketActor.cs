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
public sealed class RealtimeSocketActor : ReceiveActor, IWithStash, IDisposable
{
    private readonly FaultInjection _faults;
    private readonly CrashPoint _crashPoint;
    private readonly RealtimeSettings _settings;
    private readonly Uri _uri;
    private readonly RealtimeKey? _apiKey;
    private readonly IActorRef _subscriber;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ChannelWriter<AssistantAudio>? _audio;
    private readonly CancellationTokenSource _connecting = new();
    private RealtimeClientConnection? _connection;

    // Event types this build does not model: logged once per type, never per event (a newer server may send many).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _unknownTypes = new(StringComparer.Ordinal);

    public RealtimeSocketActor(RealtimeSettings settings, Uri uri, RealtimeKey? apiKey, IActorRef subscriber, ChannelWriter<AssistantAudio>? audio, FaultInjection? faults = null)
    {
        _faults = faults ?? FaultInjection.None;
        _crashPoint = _faults.CrashPointFor("socket");
        _audio = audio;
        _settings = settings;
        _uri = uri;
        _apiKey = apiKey;
        _subscriber = subscriber;
        Connecting();
    }

    public IStash Stash { get; set; } = null!;

    /// <summary>The socket actor; with <c>audio</c>, the assistant's audio goes there decoded (see <see cref="AssistantAudio"/>) instead of in the events.</summary>
    public static Props Props(RealtimeSettings settings, Uri uri, RealtimeKey? apiKey, IActorRef subscriber, ChannelWriter<AssistantAudio>? audio = null, FaultInjection? faults = null) =>
        Akka.Actor.Props.Create(() => new RealtimeSocketActor(settings, uri, apiKey, subscriber, audio, faults));

    /// <summary>A planned crash (<c>actorvoice.faults.crashes</c>) strikes here, before the message is handled.</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        _crashPoint.BeforeMessage(message);
        return base.AroundReceive(receive, message);
    }


    protected override void PreStart()
    {
        var self = Self;
        var subscriber = _subscriber;
        var cancel = _connecting.Token;
        ConnectAsync().PipeTo(self, success: c => new Opened(c), failure: ex => new OpenFailed(ex));

        async Task<RealtimeClientConnection> ConnectAsync()
        {
            var connection = await RealtimeClientConnection.ConnectAsync(
                _uri,
                _apiKey,
                _settings.KeepAlive,
                _settings.ConnectTimeout,
                e =>
                {
                    Observe(e, self);
                    subscriber.Tell(new ServerEventReceived(e));
                },
                bad => subscriber.Tell(new BadFrame(bad.Code, bad.Message)),
                cancel,
                _audio);
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
        // A connect still in progress is abandoned; an open connection is closed.
        _connecting.Cancel();
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            _ = connection.DisposeAsync().AsTask();
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
            // OpenAI ends sessions after 60 minutes; there is no resume, so the owner must open a new one.
            _log.Warning("The realtime session expired: {Reason}", x.Message);
            _subscriber.Tell(new ConnectionLost($"the realtime session expired ({x.Message}); start a new session"));
            Context.Stop(Self);
        });
    }

    private void Connecting()
    {
        Observations();
        Receive<Opened>(opened =>
        {
            _connection = opened.Connection;
            _log.Info("Connected to {Endpoint}", RealtimeClientConnection.Redact(_uri));
            opened.Connection.Completion.PipeTo(Self, success: reason => new Closed(reason), failure: ex => new Closed(ex));
            _subscriber.Tell(new Connected(opened.Connection.Outgoing));
            Become(Open);
            Stash.UnstashAll();
        });
        Receive<OpenFailed>(failed =>
        {
            _log.Warning("Connecting failed: {Reason}", failed.Reason.Message);
            _subscriber.Tell(new ConnectionLost(failed.Reason.Message));
            Context.Stop(Self);
        });
        Receive<Send>(_ => Stash.Stash());
    }

    private void Open()
    {
        Observations();
        Receive<Send>(send =>
        {
            if (send.Event is InputAudioBufferCommit or InputAudioBufferClear)
            {
                // These act on the audio sent so far, so they keep their place after it: written in order into the
                // audio queue, waiting (never dropped) while it is full.
                _ = _connection!.Outgoing.WriteAsync(send.Event).AsTask();
            }
            else if (!_connection!.Control.TryWrite(send.Event))
            {
                // The control queue is unbounded: this only happens once the connection is closing.
                _log.Warning("Connection closing; dropped {EventType}", send.Event.Type);
            }
        });
        Receive<Closed>(closed =>
        {
            _subscriber.Tell(new ConnectionLost(closed.Reason?.Message));
            Context.Stop(Self);
        });
    }

    /// <summary>Send one client event.</summary>
    public sealed record Send(ClientEvent Event);

    /// <summary>To the subscriber: the socket is open; audio frames may be written to <paramref name="Outgoing"/>.</summary>
    public sealed record Connected(ChannelWriter<ClientEvent> Outgoing);

    /// <summary>To the subscriber: one decoded server event.</summary>
    public sealed record ServerEventReceived(RealtimeEvent Event);

    /// <summary>To the subscriber: a frame that was not a valid event (kept out of the turn logic, logged).</summary>
    public sealed record BadFrame(string Code, string Message);

    /// <summary>To the subscriber: the connection could not be opened or has ended (reason null: normal close).</summary>
    public sealed record ConnectionLost(string? Reason);

    private sealed record Opened(RealtimeClientConnection Connection);

    private sealed record UnknownEventType(string Type);

    private sealed record SessionExpired(string Message);

    private sealed record ResponseEnded(string ResponseId, string Status, string? Reason, string? ErrorCode);

    private sealed record OpenFailed(Exception Reason);

    private sealed record Closed(Exception? Reason);
}
