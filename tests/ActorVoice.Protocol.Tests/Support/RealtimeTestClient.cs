using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Serialization;

namespace ActorVoice.Protocol.Tests.Support;

/// <summary>
/// A bare WebSocket client for tests: sends raw frames (valid or not) and records every server frame verbatim,
/// so assertions see exactly what went over the wire.
/// </summary>
public sealed class RealtimeTestClient : IAsyncDisposable
{
    /// <summary>Generous wait for one expected event; only guards against a hung test, never a timing assertion.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _incoming = Channel.CreateUnbounded<JsonElement>();
    private readonly List<string> _frames = [];
    private readonly Lock _gate = new();
    private readonly Task _receiveLoop;
    private int _sequence;

    private RealtimeTestClient(ClientWebSocket socket)
    {
        _socket = socket;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Every text frame received so far, in order.</summary>
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

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? SubProtocol => _socket.SubProtocol;

    public static async Task<RealtimeTestClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(DefaultWait);
        await socket.ConnectAsync(uri, timeout.Token);
        return new RealtimeTestClient(socket);
    }

    /// <summary>Connects, waits for <c>session.created</c>, sends <paramref name="sessionUpdate"/> and waits for <c>session.updated</c>.</summary>
    public static async Task<RealtimeTestClient> StartSessionAsync(Uri uri, string sessionUpdate)
    {
        var client = await ConnectAsync(uri);
        await client.WaitForAsync("session.created");
        await client.SendTextAsync(sessionUpdate);
        await client.WaitForAsync("session.updated");
        return client;
    }

    public string NextEventId(string prefix = "evt") => $"{prefix}_{Interlocked.Increment(ref _sequence)}";

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] bytes) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);

    public Task SendAsync(ClientEvent clientEvent) => SendTextAsync(RealtimeJson.Serialize(clientEvent));

    /// <summary>Waits for the next event of <paramref name="type"/>, skipping others.</summary>
    public Task<JsonElement> WaitForAsync(string type, TimeSpan? wait = null) =>
        WaitForAsync(e => e.GetProperty("type").GetString() == type, $"'{type}'", wait);

    /// <summary>Waits for the next event matching <paramref name="match"/>, skipping others.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string description, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        try
        {
            while (true)
            {
                var next = await _incoming.Reader.ReadAsync(timeout.Token);
                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {description} event arrived; received: {string.Join(", ", Frames.Select(TypeOf))}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The socket closed before a {description} event ({_socket.CloseStatus}); received: {string.Join(", ", Frames.Select(TypeOf))}");
        }
    }

    /// <summary>Proves the session still works: a minimal session.update must be answered by session.updated.</summary>
    public async Task AssertAliveAsync()
    {
        var id = NextEventId("alive");
        await SendTextAsync(JsonFrame.Fill("""{"type":"session.update","event_id":"<0>","session":{"type":"realtime"}}""", id));
        var next = await WaitForAsync(e => e.GetProperty("type").GetString() is "session.updated" or "error", "session.updated");
        Assert.Equal("session.updated", next.GetProperty("type").GetString());
    }

    private static string TypeOf(string frame)
    {
        try
        {
            using var doc = JsonDocument.Parse(frame);
            return doc.RootElement.GetProperty("type").GetString() ?? "?";
        }
        catch (JsonException)
        {
            return "<not json>";
        }
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

                using var doc = JsonDocument.Parse(text);
                _incoming.Writer.TryWrite(doc.RootElement.Clone());
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
                // Best effort.
            }
        }

        _socket.Abort();
        await _receiveLoop;
        _socket.Dispose();
    }
}
