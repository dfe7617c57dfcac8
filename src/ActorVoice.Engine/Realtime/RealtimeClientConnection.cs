using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Serialization;

namespace ActorVoice.Engine.Realtime;

/// <summary>
/// A client WebSocket to a Realtime API endpoint. Outgoing events go through a channel drained by one send
/// loop, so the capture stream and actors can write concurrently; incoming frames are decoded and handed to a
/// callback. The API key travels only in the Authorization header and is never logged.
/// </summary>
public sealed class RealtimeClientConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<ClientEvent> _outgoing = Channel.CreateBounded<ClientEvent>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly CancellationTokenSource _stop = new();
    private Task _sendLoop = Task.CompletedTask;
    private Task _receiveLoop = Task.CompletedTask;

    private RealtimeClientConnection()
    {
    }

    /// <summary>Where events to the server are written.</summary>
    public ChannelWriter<ClientEvent> Outgoing => _outgoing.Writer;

    /// <summary>Completes when the connection has ended, with the reason (null for a normal close).</summary>
    public Task<Exception?> Completion => _completion.Task;

    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Connects and starts the send and receive loops.</summary>
    public static async Task<RealtimeClientConnection> ConnectAsync(
        Uri uri,
        string? apiKey,
        TimeSpan keepAlive,
        TimeSpan connectTimeout,
        Action<RealtimeEvent> onEvent,
        Action<RealtimeProtocolException> onBadFrame,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = new RealtimeClientConnection();
        var socket = connection._socket;
        socket.Options.KeepAliveInterval = keepAlive > TimeSpan.Zero ? keepAlive : TimeSpan.FromSeconds(15);
        // Ping interval and pong timeout are always finite, so a dead peer is noticed.
        socket.Options.KeepAliveTimeout = socket.Options.KeepAliveInterval * 2;
        socket.Options.CollectHttpResponseDetails = true;
        if (!string.IsNullOrEmpty(apiKey))
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + apiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            var reason = ex is OperationCanceledException ? $"timed out after {connectTimeout.TotalSeconds:0.#} s"
                : socket.HttpStatusCode == System.Net.HttpStatusCode.Unauthorized ? "the server refused the API key (HTTP 401); check OPENAI_API_KEY"
                : ex.Message;
            await connection.DisposeAsync();
            throw new RealtimeConnectionException($"Cannot connect to the realtime endpoint {Redact(uri)}: {reason}", ex);
        }

        connection._sendLoop = Task.Run(connection.SendLoopAsync, CancellationToken.None);
        connection._receiveLoop = Task.Run(() => connection.ReceiveLoopAsync(onEvent, onBadFrame), CancellationToken.None);
        return connection;
    }

    /// <summary>The URL without its query string, for messages (a query could carry a key).</summary>
    public static string Redact(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.GetLeftPart(UriPartial.Path);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var clientEvent in _outgoing.Reader.ReadAllAsync(_stop.Token))
            {
                var bytes = Encoding.UTF8.GetBytes(RealtimeJson.Serialize(clientEvent));
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            _completion.TrySetResult(new RealtimeConnectionException($"Sending failed: {ex.Message}", ex));
        }
    }

    private async Task ReceiveLoopAsync(Action<RealtimeEvent> onEvent, Action<RealtimeProtocolException> onBadFrame)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        var normal = result.CloseStatus is WebSocketCloseStatus.NormalClosure or null;
                        _completion.TrySetResult(normal ? null : new RealtimeConnectionException(
                            $"The server closed the connection ({(int?)result.CloseStatus}: {result.CloseStatusDescription})."));
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                try
                {
                    onEvent(RealtimeJson.Parse(text));
                }
                catch (RealtimeProtocolException ex)
                {
                    onBadFrame(ex);
                }
            }

            _completion.TrySetResult(null);
        }
        catch (OperationCanceledException)
        {
            _completion.TrySetResult(null);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            _completion.TrySetResult(new RealtimeConnectionException($"The connection was lost: {ex.Message}", ex));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", closeTimeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Closing is best effort.
            }
        }

        await _stop.CancelAsync();
        await Task.WhenAll(_sendLoop, _receiveLoop);
        _completion.TrySetResult(null);
        _socket.Dispose();
        _stop.Dispose();
    }
}
