using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Configuration;
using ActorVoice.Realtime.Protocol;

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
                e => subscriber.Tell(new ServerEventReceived(e)),
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

    private void Connecting()
    {
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

    private sealed record OpenFailed(Exception Reason);

    private sealed record Closed(Exception? Reason);
}
