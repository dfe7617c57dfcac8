using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Server.Configuration;
using ActorVoice.Server.Security;
using ActorVoice.Server.Sessions;
using ActorVoice.Server.Telemetry;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Server.Sockets;

/// <summary>
/// One client at /ws: its live voice session (microphone frames from binary messages, answers back as binary
/// messages), its JSON events, and the loops that move them. The receive loop hands each binary message to the
/// session's microphone channel (no actor message per frame); everything to the client goes through one
/// <see cref="OutgoingQueue"/> and its single writer loop.
/// </summary>
internal sealed class ClientConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly ServeSettings _settings;
    private readonly ServeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly OutgoingQueue _queue;
    private readonly ClientOutbox _outbox;
    private readonly Channel<short[]> _microphone;
    private readonly CancellationTokenSource _stop = new();
    private readonly ClientLimiter _limiter;
    private readonly ClientReceiver _receiver;
    // How long a client may take to answer the server's close frame before its socket is cut.
    private static readonly TimeSpan CloseHandshake = TimeSpan.FromSeconds(3);
    private IPlacedSession? _session;

    /// <summary>The close code of a session that ended normally or a server going away (a drain).</summary>
    public const int GoingAway = 1001;

    private const int InternalError = 1011;

    public ClientConnection(string id, WebSocket socket, ServeSettings settings, ClientLimitSettings limits, ServeMetrics metrics, ILogger logger)
    {
        _limiter = new ClientLimiter(limits);
        _receiver = new ClientReceiver(socket, _limiter, limits.MaxFrameBytes);
        Id = id;
        _socket = socket;
        _settings = settings;
        _metrics = metrics;
        _logger = logger;
        _queue = new OutgoingQueue(limits.OutgoingQueueMessages, limits.OutgoingQueueBytes);
        _queue.Overflowed += () => Close(CloseCodes.SlowReader, "slow reader: outgoing queue full", abandon: true);
        _outbox = new ClientOutbox(_queue);
        _microphone = Channel.CreateBounded<short[]>(new BoundedChannelOptions(settings.MicrophoneQueue)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.DropOldest,
        }, _ => metrics.MicrophoneDropped.Add(1));
    }

    public string Id { get; }

    /// <summary>A turn is in progress (the drain waits for it).</summary>
    public bool InTurn => _outbox.InTurn;

    /// <summary>Runs the connection until the client leaves, the session ends or the server closes it.</summary>
    /// <param name="placement">Where the session runs: this process, or the node of its shard (cluster mode).</param>
    /// <param name="aborted">The client's request was aborted.</param>
    public async Task RunAsync(ISessionPlacement placement, CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stop.Token);
        var writer = _queue.RunAsync(_socket, aborted);
        try
        {
            using (var starting = CancellationTokenSource.CreateLinkedTokenSource(linked.Token))
            {
                starting.CancelAfter(_settings.SessionStartTimeout);
                try
                {
                    _session = await placement.StartAsync(Id, _outbox, _microphone.Reader, starting.Token);
                }
                catch (Exception ex) when (ex is InvalidOperationException or AskTimeoutException or OperationCanceledException)
                {
                    if (!aborted.IsCancellationRequested)
                    {
                        _logger.LogWarning("The session could not start: {Reason}", ex.Message);
                        _outbox.Send(ClientEvents.Error("session_failed", "The voice session could not start."));
                        Close(InternalError, "the voice session could not start");
                    }

                    return;
                }
            }

            _outbox.Send(ClientEvents.SessionReady(Id, WireAudio.SampleRate));
            _logger.LogInformation("Session ready");
            // A pending receive that is cancelled aborts the socket, so the receive loop is left running until the
            // client answers the server's close frame; only a client that does not answer is cut off.
            var receive = ReceiveAsync(linked.Token);
            if (await Task.WhenAny(receive, writer) == writer && await Task.WhenAny(receive, Task.Delay(CloseHandshake, CancellationToken.None)) != receive)
            {
                await _stop.CancelAsync();
            }

            await receive;
        }
        finally
        {
            _microphone.Writer.TryComplete();
            _session?.Dispose();
            Close(GoingAway, "session ended");
            await writer;
            _logger.LogInformation("Session closed ({CloseStatus})", _queue.Closing?.Code);
        }
    }

    /// <summary>Closes the connection with <paramref name="code"/> (sent after what is queued unless abandoned).</summary>
    public void Close(int code, string reason, bool abandon = false)
    {
        if (_queue.Closing is null)
        {
            _metrics.Closes.Add(1, new KeyValuePair<string, object?>("code", code));
            if (code != GoingAway || abandon)
            {
                _logger.LogInformation("Closing the connection: {CloseCode} {CloseReason}", code, reason);
            }
        }

        _queue.Close(code, reason, abandon);
    }

    /// <summary>The turn in progress ends now with the spoken fallback notice (a drain deadline is near).</summary>
    public void EndTurnWithNotice(string reason) => _session?.EndTurn(reason);

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        // The idle watch lives exactly as long as the receive loop: cancelled and awaited when it ends (a running task
        // cannot be disposed, and leaving it behind would close a finished connection with 4408 later).
        using var receiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var idle = IdleWatchAsync(receiving.Token);
        try
        {
            await ReceiveMessagesAsync(cancellationToken);
        }
        finally
        {
            await receiving.CancelAsync();
            await idle;
        }
    }

    private async Task ReceiveMessagesAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var message = await _receiver.ReceiveAsync(cancellationToken);
                switch (message.Kind)
                {
                    case ClientMessageKind.Closed:
                        Close(GoingAway, "the client closed");
                        return;
                    case ClientMessageKind.Refused:
                        // Over a limit (frame size, audio or event rate): this client alone is closed.
                        Close(message.Verdict.CloseCode, message.Verdict.Reason);
                        await ClientClose.DrainAsync(_socket, ClientClose.DefaultDrain, CancellationToken.None);
                        return;
                    case ClientMessageKind.Binary:
                        OnAudio(message.Payload.Span, message.ReceivedTicks);
                        break;
                    default:
                        OnText(message.Payload.Span);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client vanished or the connection is being closed.
        }
    }

    /// <summary>Closes the connection with 4408 once the client has sent nothing for <c>limits.idle-timeout</c>.</summary>
    private Task IdleWatchAsync(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && _queue.Closing is null)
            {
                var verdict = _limiter.CheckIdle(Stopwatch.GetTimestamp());
                if (!verdict.Allowed)
                {
                    Close(verdict.CloseCode, verdict.Reason);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }, CancellationToken.None);

    private void OnAudio(ReadOnlySpan<byte> bytes, long received)
    {
        _metrics.FramesReceived.Add(1);
        if (bytes.Length % 2 != 0)
        {
            BadMessage("bad_audio", $"A binary message is PCM16: an even number of bytes (got {bytes.Length}).");
            return;
        }

        if (bytes.Length == 0)
        {
            return;
        }

        var samples = new short[bytes.Length / 2];
        bytes.CopyTo(MemoryMarshal.AsBytes(samples.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(samples[i]);
            }
        }

        _microphone.Writer.TryWrite(samples);
        _session?.OnFrame();
        _metrics.FrameHandling.Record(Stopwatch.GetElapsedTime(received).TotalMilliseconds);
    }

    private void OnText(ReadOnlySpan<byte> text)
    {
        string? type;
        try
        {
            var reader = new Utf8JsonReader(text);
            using var document = JsonDocument.ParseValue(ref reader);
            type = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : null;
        }
        catch (JsonException ex)
        {
            BadMessage("invalid_json", "The message is not valid JSON: " + ex.Message);
            return;
        }

        switch (type)
        {
            case "ping":
                _outbox.Send(ClientEvents.Pong());
                break;
            case "session.close":
                Close(GoingAway, "the client ended the session");
                break;
            case null:
                BadMessage("invalid_event", "A text message is a JSON object with a string \"type\".");
                break;
            default:
                BadMessage("unknown_event", $"Unknown event type \"{Truncate(type)}\" (expected ping or session.close).");
                break;
        }
    }

    private void BadMessage(string code, string message)
    {
        _metrics.ClientErrors.Add(1, new KeyValuePair<string, object?>("code", code));
        _logger.LogInformation("Bad client message ({ErrorCode})", code);
        // A client that sends nothing but garbage is not a voice client: past limits.garbage-threshold it is closed.
        var verdict = _limiter.OnGarbage();
        if (!verdict.Allowed)
        {
            Close(verdict.CloseCode, verdict.Reason);
            return;
        }

        _outbox.Send(ClientEvents.Error(code, message));
    }

    public void Dispose() => _stop.Dispose();

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
