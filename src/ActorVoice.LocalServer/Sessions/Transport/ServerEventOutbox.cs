using System.Threading.Channels;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Sessions.Transport;

/// <summary>
/// The server events a session has to send, in order, stamped with fresh event ids. The session's loop emits (so the
/// order is the loop's); the <see cref="SessionSocket"/> writer is the one reader, so a slow client never holds back
/// the loop. Emitting after <see cref="Complete"/> drops the event.
/// </summary>
internal sealed class ServerEventOutbox(string sessionId, ILogger logger)
{
    private readonly Channel<ServerEvent> _events = Channel.CreateUnbounded<ServerEvent>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ServerEvent> Reader => _events.Reader;

    public void Emit(ServerEvent serverEvent) =>
        _events.Writer.TryWrite(serverEvent with { EventId = IdGenerator.Next("event") });

    public void EmitAll(IEnumerable<ServerEvent> serverEvents)
    {
        foreach (var serverEvent in serverEvents)
        {
            Emit(serverEvent);
        }
    }

    /// <summary>An <c>error</c> event for bad client input; the session goes on.</summary>
    public void EmitError(string code, string message, string? param = null, string? eventId = null)
    {
        logger.LogDebug("Session {SessionId}: error {Code}: {Message}", sessionId, code, message);
        Emit(new ErrorEvent(new RealtimeError("invalid_request_error", message) { Code = code, Param = param, EventId = eventId }));
    }

    public void Complete() => _events.Writer.TryComplete();
}
