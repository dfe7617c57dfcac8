using System.Net.WebSockets;
using System.Threading.Channels;

namespace ActorVoice.Server.Sockets;

/// <summary>
/// The one way out to a client: a bounded queue of JSON events and audio chunks with a single writer loop (a
/// WebSocket allows one send at a time). Producers (the session's observer, the speaker on the playback stream) never
/// wait: a full queue means the client does not read, and the connection is closed as a slow reader. Audio of a
/// stopped response still in the queue is skipped, so <c>playback.stop</c> overtakes it.
/// </summary>
internal sealed class OutgoingQueue
{
    private readonly Channel<OutgoingMessage> _queue;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _stopped = new(StringComparer.Ordinal);
    private readonly long _maxBytes;
    private (int Code, string Reason)? _close;
    private bool _abandon;
    private long _bytes;

    /// <param name="maxMessages">Messages queued at most (<c>limits.outgoing-queue-messages</c>).</param>
    /// <param name="maxBytes">Bytes queued at most (<c>limits.outgoing-queue-bytes</c>).</param>
    public OutgoingQueue(int maxMessages, long maxBytes)
    {
        _maxBytes = maxBytes;
        _queue = Channel.CreateBounded<OutgoingMessage>(new BoundedChannelOptions(maxMessages)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Bytes queued now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Raised (once) when a message did not fit: the client is not reading.</summary>
    public event Action? Overflowed;

    public int Count => _queue.Reader.Count;

    /// <summary>Queues <paramref name="message"/>; false (and <see cref="Overflowed"/>) when the queue is full or closed.</summary>
    public bool TryEnqueue(OutgoingMessage message)
    {
        if (Interlocked.Read(ref _bytes) + message.Data.Length <= _maxBytes && _queue.Writer.TryWrite(message))
        {
            Interlocked.Add(ref _bytes, message.Data.Length);
            return true;
        }

        if (!_queue.Reader.Completion.IsCompleted && _close is null)
        {
            Overflowed?.Invoke();
        }

        return false;
    }

    /// <summary>Audio of <paramref name="responseId"/> still queued is dropped; so is any that comes later.</summary>
    public void StopResponse(string responseId)
    {
        lock (_gate)
        {
            _stopped.Add(responseId);
            if (_stopped.Count > 64)
            {
                _stopped.Clear();
                _stopped.Add(responseId);
            }
        }
    }

    public bool IsStopped(string responseId)
    {
        lock (_gate)
        {
            return _stopped.Contains(responseId);
        }
    }

    /// <summary>
    /// Ends the queue with a close frame of <paramref name="code"/>: what is queued is sent first, unless
    /// <paramref name="abandon"/> (a slow reader: it would never read it).
    /// </summary>
    public void Close(int code, string reason, bool abandon = false)
    {
        lock (_gate)
        {
            _close ??= (code, reason);
            _abandon |= abandon;
        }

        _queue.Writer.TryComplete();
    }

    /// <summary>The close the queue ended with, if any.</summary>
    public (int Code, string Reason)? Closing
    {
        get
        {
            lock (_gate)
            {
                return _close;
            }
        }
    }

    /// <summary>The writer loop: sends until the queue ends, then the close frame. Returns when the socket is done.</summary>
    public async Task RunAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                Interlocked.Add(ref _bytes, -message.Data.Length);
                if (Volatile.Read(ref _abandon))
                {
                    break;
                }

                if (message.ResponseId is { } id && IsStopped(id))
                {
                    continue;
                }

                await socket.SendAsync(message.Data, message.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, cancellationToken);
            }

            if (Closing is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away; the receive loop sees it too.
        }
    }
}
