using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Configuration;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Engine.Realtime;

/// <summary>
/// Owns the session's WebSocket to the realtime endpoint. Typed client events in (<see cref="Send"/>), JSON
/// out; decoded server events go straight to the subscriber in arrival order. The capture stream writes audio
/// to <see cref="Connected.Outgoing"/> without an actor hop per frame.
/// </summary>
public sealed class RealtimeSocketActor : ReceiveActor, IWithStash
{
    private readonly RealtimeSettings _settings;
    private readonly Uri _uri;
    private readonly string? _apiKey;
    private readonly IActorRef _subscriber;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RealtimeClientConnection? _connection;

    // Event types this build does not model: logged once per type, never per event (a newer server may send many).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _unknownTypes = new(StringComparer.Ordinal);

    public RealtimeSocketActor(RealtimeSettings settings, Uri uri, string? apiKey, IActorRef subscriber)
    {
        _settings = settings;
        _uri = uri;
        _apiKey = apiKey;
        _subscriber = subscriber;
        Connecting();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(RealtimeSettings settings, Uri uri, string? apiKey, IActorRef subscriber) =>
        Akka.Actor.Props.Create(() => new RealtimeSocketActor(settings, uri, apiKey, subscriber));

    protected override void PreStart()
    {
        var self = Self;
        var subscriber = _subscriber;
        RealtimeClientConnection.ConnectAsync(
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
                CancellationToken.None)
            .PipeTo(self, success: c => new Opened(c), failure: ex => new OpenFailed(ex));
    }

    protected override void PostStop()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            _ = connection.DisposeAsync().AsTask();
        }
    }

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
        Receive<UnknownEventType>(u => _log.Info("Ignoring server events of unknown type '{0}' (logged once per type)", u.Type));
        Receive<ResponseEnded>(r => _log.Warning("Response {0} ended {1} (reason {2}, error {3})", r.ResponseId, r.Status, r.Reason ?? "none", r.ErrorCode ?? "none"));
        Receive<SessionExpired>(x =>
        {
            // OpenAI ends sessions after 60 minutes; there is no resume, so the owner must open a new one.
            _log.Warning("The realtime session expired: {0}", x.Message);
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
            _log.Info("Connected to {0}", RealtimeClientConnection.Redact(_uri));
            opened.Connection.Completion.PipeTo(Self, success: reason => new Closed(reason), failure: ex => new Closed(ex));
            _subscriber.Tell(new Connected(opened.Connection.Outgoing));
            Become(Open);
            Stash.UnstashAll();
        });
        Receive<OpenFailed>(failed =>
        {
            _log.Warning("Connecting failed: {0}", failed.Reason.Message);
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
            if (!_connection!.Outgoing.TryWrite(send.Event))
            {
                _log.Warning("Outgoing queue full or closed; dropped {0}", send.Event.Type);
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
