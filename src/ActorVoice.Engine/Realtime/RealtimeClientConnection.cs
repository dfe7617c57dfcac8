using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using ActorVoice.Audio;
using ActorVoice.Audio.Pcm;
using ActorVoice.Engine.Playback;
using ActorVoice.Faults;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Serialization;

namespace ActorVoice.Engine.Realtime;

/// <summary>
/// A client WebSocket to a Realtime API endpoint. Outgoing events go through two queues drained by one send loop
/// (<see cref="OutgoingEvents"/>: control events before audio), so the capture stream and actors can write
/// concurrently; incoming frames are decoded and handed to a callback. Assistant audio is base64-decoded here, once,
/// and written to the playback stream's channel; the callback then sees the delta without its audio. The API key
/// travels only in its header (<see cref="RealtimeKey"/>) and is never logged; a refusal names where it came from.
/// </summary>
public sealed class RealtimeClientConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Telemetry.LiveResources.Lease _live = Telemetry.LiveResources.RealtimeConnections.Lease();
    private readonly OutgoingEvents _outgoing = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _sendLoop = Task.CompletedTask;
    private Task _receiveLoop = Task.CompletedTask;

    private readonly ChannelWriter<AssistantAudio>? _audio;
    private readonly RecentEventIds _seen = new(RecentEventIds.DefaultCapacity);
    private SocketFaultProxy? _proxy;
    private Action<RealtimeEvent> _onEvent = static _ => { };
    private Action<RealtimeProtocolException> _onBadFrame = static _ => { };

    private RealtimeClientConnection(ChannelWriter<AssistantAudio>? audio)
    {
        _audio = audio;
    }

    /// <summary>Server events dropped because their event_id was seen before on this connection.</summary>
    public int DuplicatesDropped { get; private set; }

    /// <summary>Where audio frames to the server are written (bounded: writers wait while it is full).</summary>
    public ChannelWriter<ClientEvent> Outgoing => _outgoing.Audio;

    /// <summary>Where control events are written: never full, always sent before queued audio.</summary>
    public ChannelWriter<ClientEvent> Control => _outgoing.Control;

    /// <summary>Completes when the connection has ended, with the reason (null for a normal close).</summary>
    public Task<Exception?> Completion => _completion.Task;

    private readonly TaskCompletionSource<Exception?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Connects and starts the send and receive loops. With <c>audio</c>, the assistant's audio goes there decoded,
    /// followed by an end mark per response, and the events keep only an empty delta.
    /// </summary>
    public static async Task<RealtimeClientConnection> ConnectAsync(
        Uri uri,
        RealtimeKey? apiKey,
        TimeSpan keepAlive,
        TimeSpan connectTimeout,
        Action<RealtimeEvent> onEvent,
        Action<RealtimeProtocolException> onBadFrame,
        CancellationToken cancellationToken,
        ChannelWriter<AssistantAudio>? audio = null,
        FaultInjection? faults = null,
        TimeSpan keepAliveTimeout = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var connection = new RealtimeClientConnection(audio) { _onEvent = onEvent, _onBadFrame = onBadFrame };
        var socket = connection._socket;
        socket.Options.KeepAliveInterval = keepAlive > TimeSpan.Zero ? keepAlive : TimeSpan.FromSeconds(15);
        // Ping interval and pong timeout are always finite, so a dead peer is noticed (the connection fails and the
        // session reconnects) instead of waiting forever on a half-open socket.
        socket.Options.KeepAliveTimeout = keepAliveTimeout > TimeSpan.Zero ? keepAliveTimeout : socket.Options.KeepAliveInterval * 2;
        socket.Options.CollectHttpResponseDetails = true;
        apiKey?.Apply(socket.Options);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            var reason = ex is OperationCanceledException ? $"timed out after {connectTimeout.TotalSeconds:0.#} s"
                : socket.HttpStatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden ? Refusal((int)socket.HttpStatusCode, apiKey)
                : ex.Message;
            await connection.DisposeAsync();
            throw new RealtimeConnectionException($"Cannot connect to the realtime endpoint {Redact(uri)}: {reason}", ex);
        }

        if (faults?.Socket is { } socketFaults)
        {
            // Only a plan with socket faults puts the proxy in the path; otherwise events go straight on.
            connection._proxy = new SocketFaultProxy(socketFaults, faults.NextDice(SocketFaultProxy.Edge), faults.Log, connection.Accept, _ => connection.Abort());
        }

        connection._sendLoop = Task.Run(connection.SendLoopAsync, CancellationToken.None);
        connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>Why a 401/403 happened, naming where the key came from (never the key).</summary>
    private static string Refusal(int status, RealtimeKey? apiKey) => apiKey is null
        ? $"the server requires an API key (HTTP {status}) and none was sent; set actorvoice.engine.realtime.api-key-env to the environment variable that holds it"
        : $"the server refused the API key (HTTP {status}); check the key in {apiKey.Source} (sent in the {apiKey.HeaderDescription}; see actorvoice.engine.realtime.api-key-header)";

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
            while (await _outgoing.ReadAsync(_stop.Token) is { } clientEvent)
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

    /// <summary>
    /// Drops the connection at once, without a close handshake (as a network failure would): the receive loop ends
    /// and <see cref="Completion"/> reports the loss.
    /// </summary>
    public void Abort()
    {
        _completion.TrySetResult(new RealtimeConnectionException("The connection was lost: aborted (injected fault)."));
        _socket.Abort();
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
                RealtimeEvent parsed;
                try
                {
                    parsed = RealtimeJson.Parse(text);
                }
                catch (RealtimeProtocolException ex)
                {
                    _onBadFrame(ex);
                    continue;
                }

                if (_proxy is { } proxy)
                {
                    proxy.Push(parsed);
                }
                else
                {
                    Accept(parsed);
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

    /// <summary>
    /// One server event on its way to the engine (after the fault proxy, if any): a repeated event_id is dropped (a
    /// duplicated delivery must not play its audio twice nor count twice), then its audio is split off and it goes on.
    /// </summary>
    private void Accept(RealtimeEvent e)
    {
        if (e.EventId is { } id && !_seen.Add(id))
        {
            DuplicatesDropped++;
            return;
        }

        try
        {
            _onEvent(SplitAudio(e));
        }
        catch (RealtimeProtocolException ex)
        {
            _onBadFrame(ex);
        }
    }

    /// <summary>
    /// Sends an audio delta's samples to the playback channel and returns the delta without them; marks the end of a
    /// response's audio at <c>response.done</c>. Written before the event is handed on, so playback never lags the turn.
    /// </summary>
    private RealtimeEvent SplitAudio(RealtimeEvent e)
    {
        if (_audio is null)
        {
            return e;
        }

        switch (e)
        {
            case ResponseOutputAudioDelta delta:
                _audio.TryWrite(AssistantAudio.Chunk(delta.ResponseId, delta.ItemId, Decode(delta)));
                return delta with { Delta = string.Empty };
            case ResponseDone done:
                _audio.TryWrite(AssistantAudio.End(done.Response.Id));
                return e;
            default:
                return e;
        }
    }

    private static short[] Decode(ResponseOutputAudioDelta delta)
    {
        try
        {
            return Pcm16.FromBytes(Convert.FromBase64String(delta.Delta));
        }
        catch (Exception ex) when (ex is FormatException or AudioFormatException)
        {
            throw new RealtimeProtocolException("invalid_audio", $"Undecodable audio chunk of {delta.ItemId}: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Complete();
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
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        _completion.TrySetResult(null);
        _socket.Dispose();
        _stop.Dispose();
        _live.Dispose();
    }
}
