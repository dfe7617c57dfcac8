using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ActorVoice.Cli.Load;

/// <summary>
/// One simulated client of <c>/ws</c>: a microphone that streams 20 ms PCM16 frames in real time for the whole run
/// (a sample question, then silence until the turn completes, a pause, the next question), and a reader that takes
/// everything the server sends (answer audio, events) as a browser would. Pings every few seconds and times the pong.
/// </summary>
public sealed class LoadClient : IDisposable
{
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("""{"type":"ping"}""");

    private readonly Uri _ws;
    private readonly LoadAudio _audio;
    private readonly LoadOptions _options;
    private readonly int _index;
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly long _frameTicks = (long)(LoadAudio.FrameDuration.TotalSeconds * Stopwatch.Frequency);
    private readonly long _pingTicks;
    private long _turnsSeen;
    // The question being asked (or last asked): its turn.completed is judged against its document.
    private int _asking;
    private long _pingSentAt;
    private long _due;
    private long _nextPing;

    public LoadClient(Uri ws, LoadAudio audio, LoadOptions options, int index)
    {
        _ws = ws;
        _audio = audio;
        _options = options;
        _index = index;
        _pingTicks = Math.Max(1, (long)(options.PingInterval.TotalSeconds * Stopwatch.Frequency));
    }

    public LoadClientStats Stats { get; } = new();

    /// <summary>Connects, then streams and reads until <paramref name="stop"/> fires; then closes politely.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            connectTimeout.CancelAfter(TimeSpan.FromSeconds(30));
            await _socket.ConnectAsync(_ws, connectTimeout.Token).ConfigureAwait(false);
            Stats.Connected = true;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            Stats.Failure = stop.IsCancellationRequested ? null : "connect: " + e.Message;
            return;
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var reading = ReadAsync(ended);
        var speaking = SpeakAsync(ended.Token);
        await Task.WhenAny(reading, speaking).ConfigureAwait(false);
        await ended.CancelAsync().ConfigureAwait(false);
        await speaking.ConfigureAwait(false);
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", closeTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }

        await reading.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _socket.Dispose();
        _send.Dispose();
    }

    private async Task SpeakAsync(CancellationToken ct)
    {
        _due = Stopwatch.GetTimestamp();
        _nextPing = _due + _pingTicks + (_index * Stopwatch.Frequency / 37 % _pingTicks);
        // Clients start at different points of their script, so their turns do not all line up.
        var question = _index % _audio.Questions.Count;
        var leadIn = 10 + (_index * 7 % 50); // 200 ms .. 1.2 s of silence first
        try
        {
            while (!ct.IsCancellationRequested)
            {
                for (var i = 0; i < leadIn && !ct.IsCancellationRequested; i++)
                {
                    await FrameAsync(_audio.Silence, ct).ConfigureAwait(false);
                }

                var turnsBefore = Interlocked.Read(ref _turnsSeen);
                Volatile.Write(ref _asking, question);
                foreach (var frame in _audio.Questions[question])
                {
                    await FrameAsync(frame, ct).ConfigureAwait(false);
                }

                // Silence (the microphone stays open) until the turn completes, then a pause.
                var waitFrames = (int)(_options.TurnTimeout / LoadAudio.FrameDuration);
                for (var i = 0; i < waitFrames && Interlocked.Read(ref _turnsSeen) == turnsBefore && !ct.IsCancellationRequested; i++)
                {
                    await FrameAsync(_audio.Silence, ct).ConfigureAwait(false);
                }

                leadIn = (int)(_options.PauseBetweenTurns / LoadAudio.FrameDuration);
                question = (question + 1) % _audio.Questions.Count;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            Stats.Failure ??= "send: " + e.Message;
        }
    }

    /// <summary>Sends one frame (and a ping when one is due), then waits for the frame's slot in real time.</summary>
    private async ValueTask FrameAsync(byte[] frame, CancellationToken ct)
    {
        var now = Stopwatch.GetTimestamp();
        if (now >= _nextPing)
        {
            _nextPing = now + _pingTicks;
            Volatile.Write(ref _pingSentAt, now);
            await SendAsync(Ping, WebSocketMessageType.Text, ct).ConfigureAwait(false);
        }

        await SendAsync(frame, WebSocketMessageType.Binary, ct).ConfigureAwait(false);
        Stats.FrameSent();
        _due += _frameTicks;
        var wait = _due - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), ct).ConfigureAwait(false);
        }
    }

    private async ValueTask SendAsync(byte[] bytes, WebSocketMessageType type, CancellationToken ct)
    {
        await _send.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, type, true, ct).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task ReadAsync(CancellationTokenSource ended)
    {
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Stats.ServerCloseCode = (int?)_socket.CloseStatus;
                    if (!ended.IsCancellationRequested)
                    {
                        Stats.Failure ??= $"closed by the server: {(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}";
                    }

                    return;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Stats.AudioReceived(result.Count);
                    continue;
                }

                text.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    OnEvent(text.GetBuffer().AsSpan(0, (int)text.Length));
                    text.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            if (!ended.IsCancellationRequested)
            {
                Stats.Failure ??= "receive: " + e.Message;
            }
        }
    }

    /// <summary>True when the answer's first source is <paramref name="document"/> (the question's expected document).</summary>
    public static bool FromDocument(JsonElement completed, string? document) =>
        document is not null
        && completed.TryGetProperty("sources", out var sources)
        && sources.ValueKind == JsonValueKind.Array
        && sources.GetArrayLength() > 0
        && sources[0].TryGetProperty("document", out var first)
        && string.Equals(first.GetString(), document, StringComparison.Ordinal);

    private void OnEvent(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            switch (root.GetProperty("type").GetString())
            {
                case "turn.completed":
                    var outcome = root.TryGetProperty("outcome", out var o) ? o.GetString() : null;
                    Stats.TurnCompleted(outcome == "answered", outcome == "answered" && FromDocument(root, _audio.Documents[Volatile.Read(ref _asking)]));
                    Interlocked.Increment(ref _turnsSeen);
                    break;
                case "error":
                    Stats.ErrorEvent();
                    break;
                case "pong":
                    var sentAt = Volatile.Read(ref _pingSentAt);
                    if (sentAt != 0)
                    {
                        lock (Stats.PingMilliseconds)
                        {
                            Stats.PingMilliseconds.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                        }
                    }

                    break;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Stats.ErrorEvent(); // the server sent something that is not a protocol event
        }
    }
}
