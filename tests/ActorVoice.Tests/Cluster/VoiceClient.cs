using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace ActorVoice.Tests.Cluster;

/// <summary>
/// A simulated person at a browser: a real <see cref="ClientWebSocket"/> to a front node that sends a 20 ms microphone
/// frame every 20 ms for its whole life (silence, or a question's frames when told to speak), like a live microphone,
/// and keeps every JSON event it receives with the time it arrived.
/// </summary>
internal sealed class VoiceClient : IAsyncDisposable
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentQueue<byte[][]> _toSpeak = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _silence;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _send = Task.CompletedTask;
    private Task _receive = Task.CompletedTask;
    private TaskCompletionSource? _spoken;

    private VoiceClient(int index, int frameBytes)
    {
        Index = index;
        _silence = new byte[frameBytes];
    }

    public int Index { get; }

    /// <summary>Every JSON event received, in order.</summary>
    public ConcurrentQueue<ClientEvent> Events { get; } = new();

    /// <summary>The session id from <c>session.ready</c>.</summary>
    public Task<string> Ready => _ready.Task;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<VoiceClient> ConnectAsync(Uri uri, int index, int frameBytes)
    {
        var client = new VoiceClient(index, frameBytes);
        await client._socket.ConnectAsync(uri, CancellationToken.None);
        client._receive = Task.Run(client.ReceiveAsync);
        client._send = Task.Run(client.SendAsync);
        return client;
    }

    /// <summary>Speaks <paramref name="frames"/> in real time (after what is already queued); completes when the last frame is sent.</summary>
    public Task SpeakAsync(byte[][] frames)
    {
        var spoken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _spoken, spoken);
        _toSpeak.Enqueue(frames);
        return spoken.Task;
    }

    /// <summary>The events of <paramref name="type"/> so far.</summary>
    public IReadOnlyList<ClientEvent> Of(string type) => [.. Events.Where(e => e.Type == type)];

    /// <summary>The last event of <paramref name="type"/> so far, or null.</summary>
    public ClientEvent? LastOf(string type) => Events.LastOrDefault(e => e.Type == type);

    /// <summary>The coarse state of the last turn.state so far (null before the first).</summary>
    public string? TurnState => LastOf("turn.state")?.Text("state");

    /// <summary>Waits until <paramref name="match"/> holds for the events so far (false when <paramref name="timeout"/> passes).</summary>
    public async Task<bool> WaitForAsync(Func<VoiceClient, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!match(this))
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _send;
        }
        catch (OperationCanceledException)
        {
        }

        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "test done", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        await Task.WhenAny(_receive, Task.Delay(TimeSpan.FromSeconds(3)));
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task SendAsync()
    {
        // Paced by the clock, not by delays in a row: a late frame is followed by the next one at once.
        var clock = Stopwatch.StartNew();
        long sent = 0;
        byte[][]? speaking = null;
        var position = 0;
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                if (speaking is null && _toSpeak.TryDequeue(out var next))
                {
                    speaking = next;
                    position = 0;
                }

                var frame = speaking is null ? _silence : speaking[position++];
                if (speaking is not null && position == speaking.Length)
                {
                    speaking = null;
                    Volatile.Read(ref _spoken)?.TrySetResult();
                }

                await _socket.SendAsync(frame, WebSocketMessageType.Binary, true, _stop.Token);
                sent++;
                var due = Frame * sent - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, _stop.Token);
                }
            }
        }
        catch (WebSocketException)
        {
            // The server closed the connection; the test looks at the events.
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    var json = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
                    var type = json.GetProperty("type").GetString()!;
                    Events.Enqueue(new ClientEvent(type, json, DateTimeOffset.UtcNow));
                    if (type == "session.ready")
                    {
                        _ready.TrySetResult(json.GetProperty("session_id").GetString()!);
                    }
                }
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _ready.TrySetCanceled();
        }
    }
}

/// <summary>A JSON event from the server and when it arrived.</summary>
internal sealed record ClientEvent(string Type, JsonElement Json, DateTimeOffset At)
{
    public int Turn => Json.TryGetProperty("turn", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : 0;

    public string? Text(string property) => Json.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
