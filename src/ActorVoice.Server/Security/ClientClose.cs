using System.Net.WebSockets;
using System.Text;

namespace ActorVoice.Server.Security;

/// <summary>Closes a client's WebSocket with a refusal's code and reason, without waiting on a client that never answers.</summary>
public static class ClientClose
{
    // RFC 6455 allows 123 bytes of UTF-8 in a close reason.
    private const int MaxReasonBytes = 123;

    /// <summary>
    /// Sends the close frame (reason redacted of anything credential-shaped and cut to 123 bytes) and stops there: the
    /// client's answering close is not awaited, so a client that never reads cannot hold the server.
    /// </summary>
    public static async Task CloseAsync(WebSocket socket, int closeCode, string reason, CancellationToken cancellationToken)
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
