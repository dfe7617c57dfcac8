using System.Diagnostics;
using System.Net.WebSockets;

namespace ActorVoice.Server.Security;

/// <summary>
/// Reads whole messages from one client's WebSocket under its <see cref="ClientLimiter"/>: fragments are assembled
/// into one reused buffer of <c>max-frame-bytes</c>, so a client can never make the server buffer more than that
/// (an oversized message is refused with 1009 as soon as it passes the limit, without reading the rest), and each
/// complete message is charged to the client's audio or event budget. Not thread-safe: one receive loop per socket.
/// </summary>
public sealed class ClientReceiver
{
    private readonly WebSocket _socket;
    private readonly ClientLimiter _limiter;
    private readonly byte[] _buffer;

    public ClientReceiver(WebSocket socket, ClientLimiter limiter, int maxFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameBytes);
        _socket = socket;
        _limiter = limiter;
        // One byte more than allowed: a message that fills it is over the limit.
        _buffer = new byte[maxFrameBytes + 1];
    }

    /// <summary>The next complete message, a close, or a refusal (the caller closes with its verdict).</summary>
    public async ValueTask<ClientMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                return new ClientMessage(ClientMessageKind.Closed, ReadOnlyMemory<byte>.Empty, LimitVerdict.Ok, Stopwatch.GetTimestamp());
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new ClientMessage(ClientMessageKind.Closed, ReadOnlyMemory<byte>.Empty, LimitVerdict.Ok, Stopwatch.GetTimestamp());
            }

            length += result.Count;
            var binary = result.MessageType == WebSocketMessageType.Binary;
            if (length == _buffer.Length)
            {
                // Over max-frame-bytes: refused now, the rest is never read.
                var now = Stopwatch.GetTimestamp();
                return new ClientMessage(ClientMessageKind.Refused, ReadOnlyMemory<byte>.Empty, _limiter.OnMessage(binary, length, now), now);
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            var receivedAt = Stopwatch.GetTimestamp();
            var verdict = _limiter.OnMessage(binary, length, receivedAt);
            return verdict.Allowed
                ? new ClientMessage(binary ? ClientMessageKind.Binary : ClientMessageKind.Text, _buffer.AsMemory(0, length), verdict, receivedAt)
                : new ClientMessage(ClientMessageKind.Refused, ReadOnlyMemory<byte>.Empty, verdict, receivedAt);
        }
    }
}
