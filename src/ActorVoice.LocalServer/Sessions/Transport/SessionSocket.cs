using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions.Faults;
using ActorVoice.Realtime.Protocol.Serialization;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Sessions.Transport;

/// <summary>
/// A session's WebSocket: reads whole text frames (dropping oversized and binary ones with an error), and writes the
/// outbox's events as JSON in the client's dialect. One reader task and one writer task; every text frame, both
/// directions, is shown to the frame observer.
/// </summary>
internal sealed partial class SessionSocket(
    WebSocket socket,
    ServerEventOutbox outbox,
    RealtimeDialect dialect,
    Action<RealtimeFrame>? frameObserver,
    string sessionId,
    int maxFrameBytes,
    ILogger logger)
{
    /// <summary>Server faults: a garbage frame may be sent before an event (null: none).</summary>
    public SessionFaults? Faults { get; init; }

    /// <summary>
    /// Hands every complete text frame to <paramref name="handleText"/>, and every frame it drops to
    /// <paramref name="refuse"/> (code, message, event id), until the client closes; the next frame is read once the
    /// handler's task completes. Both go through the session's loop, so a refusal keeps its place among the answers.
    /// </summary>
    public async Task ReceiveAsync(
        Func<string, ValueTask> handleText, Func<string, string, string?, ValueTask> refuse, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (socket.State == WebSocketState.Open)
            {
                message.SetLength(0);
                var tooLarge = false;
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (!tooLarge && message.Length + result.Count > maxFrameBytes)
                    {
                        tooLarge = true;
                    }

                    if (!tooLarge)
                    {
                        message.Write(buffer, 0, result.Count);
                    }
                }
                while (!result.EndOfMessage);

                if (tooLarge)
                {
                    await refuse("event_too_large", $"The event exceeds the {maxFrameBytes} byte limit and was dropped.",
                        EventIdFromHead(message.GetBuffer().AsSpan(0, (int)Math.Min(message.Length, 4096))));
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await refuse("invalid_event", "Binary frames are not supported; send JSON text frames.", null);
                    continue;
                }

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                frameObserver?.Invoke(new RealtimeFrame(sessionId, true, text));
                await handleText(dialect == RealtimeDialect.Beta ? BetaDialect.ClientFrameToGa(text) : text);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Sends the outbox's events until it is completed; send failures are logged, not thrown.</summary>
    public async Task WriteAsync()
    {
        await foreach (var serverEvent in outbox.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                continue;
            }

            var json = RealtimeJson.Serialize(serverEvent);
            if (dialect == RealtimeDialect.Beta)
            {
                if (BetaDialect.IsGaOnly(serverEvent.Type))
                {
                    continue;
                }

                json = BetaDialect.RenameOutgoing(json, serverEvent.Type);
            }

            if (Faults?.GarbageBefore(serverEvent.Type, json) is { } garbage)
            {
                await SendTextAsync(garbage);
            }

            await SendTextAsync(json);
        }
    }

    private async Task SendTextAsync(string text)
    {
        frameObserver?.Invoke(new RealtimeFrame(sessionId, false, text));
        var bytes = Encoding.UTF8.GetBytes(text);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            logger.LogDebug("Session {SessionId}: send failed ({Message})", sessionId, ex.Message);
        }
    }

    /// <summary>Closes the socket normally unless the peer is already gone.</summary>
    public async Task CloseAsync()
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "session ended", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // The peer is already gone.
            }
        }
    }

    /// <summary>The event_id of a dropped oversized frame, read from its first bytes, so the error can name it.</summary>
    private static string? EventIdFromHead(ReadOnlySpan<byte> head)
    {
        var match = EventIdPattern().Match(Encoding.UTF8.GetString(head));
        return match.Success && match.Groups[1].Value.Length <= RealtimeJson.MaxEventIdLength ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("\"event_id\"\\s*:\\s*\"([^\"\\\\]*)\"")]
    private static partial Regex EventIdPattern();
}
