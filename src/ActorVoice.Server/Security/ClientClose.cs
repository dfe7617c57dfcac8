using System.Net.WebSockets;
using System.Text;

namespace ActorVoice.Server.Security;

/// <summary>Closes a client's WebSocket with a refusal's code and reason, without waiting on a client that never answers.</summary>
public static class ClientClose
{
    // RFC 6455 allows 123 bytes of UTF-8 in a close reason.
    private const int MaxReasonBytes = 123;

    /// <summary>How long <see cref="CloseAsync(WebSocket, int, string, CancellationToken)"/> reads on after its close frame.</summary>
    public static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sends the close frame (reason redacted of anything credential-shaped and cut to 123 bytes), then reads and
    /// discards what the client still sends until its close arrives, for at most <see cref="DefaultDrain"/>: closing a
    /// TCP connection with unread data resets it, and the reset can overtake the close frame (a flooding client would
    /// see 1006 instead of 4429). Only the connection's receiving side may call this (one reader per socket).
    /// </summary>
    public static Task CloseAsync(WebSocket socket, int closeCode, string reason, CancellationToken cancellationToken) =>
        CloseAsync(socket, closeCode, reason, DefaultDrain, cancellationToken);

    /// <summary>
    /// As above with a drain of <paramref name="drain"/>; <see cref="TimeSpan.Zero"/> sends the close frame and returns
    /// (for a side that is not the reader, e.g. an idle timer while the receive loop runs).
    /// </summary>
    public static async Task CloseAsync(WebSocket socket, int closeCode, string reason, TimeSpan drain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, Fit(SecretRedactor.RedactPatterns(reason)), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return; // the client is gone already; nothing to tell it
        }

        await DrainAsync(socket, drain, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a close frame was sent: reads and discards until the client's close arrives or <paramref name="drain"/>
    /// passes. Only the connection's reader may call it.
    /// </summary>
    public static async Task DrainAsync(WebSocket socket, TimeSpan drain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (drain <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(drain);
            var buffer = new byte[4096];
            while (socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client is gone already; nothing to tell it.
        }
    }

    private static string Fit(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxReasonBytes)
        {
            return reason;
        }

        var end = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, end)) > MaxReasonBytes)
        {
            end--;
        }

        return reason[..end];
    }
}
