using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Streams.Dsl;
using ActorVoice.Engine.Live;
using ActorVoice.Engine.Sessions;
using ActorVoice.Hosting.Sessions;
using ActorVoice.Realtime.Protocol.Session;
using ActorVoice.Server.Configuration;
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
    private IActorRef _session = ActorRefs.Nobody;
    private int _badMessages;

    public ClientConnection(string id, WebSocket socket, ServeSettings settings, ServeMetrics metrics, ILogger logger)
    {
        Id = id;
        _socket = socket;
        _settings = settings;
        _metrics = metrics;
        _logger = logger;
        _queue = new OutgoingQueue(settings.OutgoingQueue);
        _queue.Overflowed += () => Close(ClientGate.SlowReader, "slow reader: the client does not read its messages", abandon: true);
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

    public IActorRef Session => _session;

    /// <summary>Runs the connection until the client leaves, the session ends or the server closes it.</summary>
    public async Task RunAsync(ActorSystem system, VoiceSessions sessions, CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stop.Token);
        var writer = _queue.RunAsync(_socket, aborted);
        var observer = system.ActorOf(ClientObserverActor.Props(_outbox), $"client-{Id}-observer");
        try
        {
            var microphone = ChannelSource.FromReader(_microphone.Reader);
            var audio = new LiveAudio(microphone, new SocketSpeaker(_outbox));
            using (var starting = CancellationTokenSource.CreateLinkedTokenSource(linked.Token))
            {
                starting.CancelAfter(_settings.SessionStartTimeout);
                try
                {
                    _session = await sessions.StartLiveAsync(observer, $"client-{Id}", audio, starting.Token);
                }
                catch (Exception ex) when (ex is InvalidOperationException or AskTimeoutException or OperationCanceledException)
                {
                    if (!aborted.IsCancellationRequested)
                    {
                        _logger.LogWarning("The session could not start: {Reason}", ex.Message);
                        _outbox.Send(ClientEvents.Error("session_failed", "The voice session could not start."));
                        Close(ClientGate.InternalError, "the voice session could not start");
                    }

                    return;
                }
            }

            _outbox.Send(ClientEvents.SessionReady(Id, WireAudio.SampleRate));
            _logger.LogInformation("Session ready");
            await ReceiveAsync(linked.Token);
        }
        finally
        {
            _microphone.Writer.TryComplete();
            if (!_session.IsNobody())
            {
                system.Stop(_session);
            }

            system.Stop(observer);
            Close(ClientGate.GoingAway, "session ended");
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
            if (code != ClientGate.GoingAway || abandon)
            {
                _logger.LogInformation("Closing the connection: {CloseCode} {CloseReason}", code, reason);
            }
        }

        _queue.Close(code, reason, abandon);
        _stop.Cancel();
    }

    /// <summary>The turn in progress ends now with the spoken fallback notice (a drain deadline is near).</summary>
    public void EndTurnWithNotice(string reason)
    {
        if (!_session.IsNobody())
        {
            _session.Tell(new SessionActor.EndTurn(reason));
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ClientGate.MaxMessageBytes);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == ClientGate.MaxMessageBytes)
                    {
                        Close(ClientGate.MessageTooBig, $"message larger than {ClientGate.MaxMessageBytes} bytes");
                        return;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length, ClientGate.MaxMessageBytes - length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                var received = Stopwatch.GetTimestamp();
                switch (result.MessageType)
                {
                    case WebSocketMessageType.Close:
                        Close(ClientGate.GoingAway, "the client closed");
                        return;
                    case WebSocketMessageType.Binary:
                        OnAudio(buffer.AsSpan(0, length), received);
                        break;
                    default:
                        OnText(buffer.AsSpan(0, length));
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client vanished or the connection is being closed.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

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
                Close(ClientGate.GoingAway, "the client ended the session");
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
        _outbox.Send(ClientEvents.Error(code, message));
        // A client that sends nothing but garbage is not a voice client.
        if (++_badMessages >= 50)
        {
            Close(ClientGate.UnsupportedData, "too many malformed messages");
        }
    }

    public void Dispose() => _stop.Dispose();

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
