using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace ActorVoice.Protocol.Tests.Server.Faults;

/// <summary>
/// A bare WebSocket client that keeps every text frame as it came, JSON or not: a server injecting garbage frames must
/// be seen exactly as a client sees it (the shared test client parses every frame and would stop at the first bad one).
/// </summary>
public sealed class RawFrameClient : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly ClientWebSocket _socket;
    private readonly Channel<string> _incoming = Channel.CreateUnbounded<string>();
    private readonly List<string> _frames = [];
    private readonly Lock _gate = new();
    private readonly Task _receiveLoop;

    private RawFrameClient(ClientWebSocket socket)
    {
        _socket = socket;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Every text frame received so far, in order, verbatim.</summary>
    public IReadOnlyList<string> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }

    public static async Task<RawFrameClient> StartSessionAsync(Uri uri, string sessionUpdate)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(Wait);
        await socket.ConnectAsync(uri, timeout.Token);
        var client = new RawFrameClient(socket);
        await client.WaitForAsync("session.created");
        await client.SendTextAsync(sessionUpdate);
        await client.WaitForAsync("session.updated");
        return client;
    }

    /// <summary>The event type of a frame, or null when the frame is not a JSON object with a type.</summary>
    public static string? TypeOf(string frame)
    {
        try
        {
            using var doc = JsonDocument.Parse(frame);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Waits for the next JSON event of <paramref name="type"/>, skipping other frames (garbage included).</summary>
    public async Task<JsonElement> WaitForAsync(string type, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? Wait);
        try
        {
            while (true)
            {
                var frame = await _incoming.Reader.ReadAsync(timeout.Token);
                if (TypeOf(frame) == type)
                {
                    using var doc = JsonDocument.Parse(frame);
                    return doc.RootElement.Clone();
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No '{type}' event arrived; received: {string.Join(", ", Frames.Select(f => TypeOf(f) ?? "<garbage>"))}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The socket closed before a '{type}' event ({_socket.CloseStatus}).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server is already gone.
            }
        }

        await _receiveLoop;
        _socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
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
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                lock (_gate)
                {
                    _frames.Add(text);
                }

                _incoming.Writer.TryWrite(text);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // The socket ended; waiting tests see the closed channel.
        }
        finally
        {
            _incoming.Writer.TryComplete();
        }
    }
}
