using System.Threading.Channels;
using ActorVoice.Realtime.Protocol;

namespace ActorVoice.Engine.Realtime;

/// <summary>
/// The two queues of events to the server: a bounded one for audio frames (the capture stream waits when it is
/// full) and an unbounded one for control events (session.update, response.cancel, truncate, commit...), which are
/// few and must never be dropped nor wait behind audio. <see cref="ReadAsync"/> always takes control events first.
/// (<c>input_audio_buffer.commit</c> and <c>.clear</c> act on the audio sent before them, so the socket actor writes
/// those into the audio queue, in order, waiting rather than dropping.)
/// </summary>
public sealed class OutgoingEvents
{
    private readonly Channel<ClientEvent> _audio;
    private readonly Channel<ClientEvent> _control = Channel.CreateUnbounded<ClientEvent>(new UnboundedChannelOptions { SingleReader = true });

    private Task<bool>? _controlWait;
    private Task<bool>? _audioWait;
    private bool _controlDone;
    private bool _audioDone;

    public OutgoingEvents(int audioCapacity = 1024)
    {
        _audio = Channel.CreateBounded<ClientEvent>(new BoundedChannelOptions(audioCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Where the capture stream writes audio frames; writers wait while it is full.</summary>
    public ChannelWriter<ClientEvent> Audio => _audio.Writer;

    /// <summary>Where control events go; never full, and read before any queued audio.</summary>
    public ChannelWriter<ClientEvent> Control => _control.Writer;

    /// <summary>The next event to send, control first; null once both queues are completed and drained. One reader at a time.</summary>
    public async ValueTask<ClientEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_control.Reader.TryRead(out var next) || _audio.Reader.TryRead(out next))
            {
                return next;
            }

            if (_controlDone && _audioDone)
            {
                return null;
            }

            // At most one pending wait per queue, kept across calls: a new wait per idle moment would pile up waiters.
            _controlWait ??= _controlDone ? null : _control.Reader.WaitToReadAsync(cancellationToken).AsTask();
            _audioWait ??= _audioDone ? null : _audio.Reader.WaitToReadAsync(cancellationToken).AsTask();
            // Called about once per audio frame: pick the wait(s) without allocating a collection.
            var first = (_controlWait, _audioWait) switch
            {
                ({ } control, { } audio) => await Task.WhenAny(control, audio).ConfigureAwait(false),
                ({ } control, null) => control,
                (null, { } audio) => audio,
                _ => throw new InvalidOperationException("No queue is open, yet events were awaited."),
            };
            var more = await first.ConfigureAwait(false);
            if (first == _controlWait)
            {
                _controlWait = null;
                _controlDone = !more;
            }
            else
            {
                _audioWait = null;
                _audioDone = !more;
            }
        }
    }

    /// <summary>No more events will be written to either queue.</summary>
    public void Complete()
    {
        _control.Writer.TryComplete();
        _audio.Writer.TryComplete();
    }
}
