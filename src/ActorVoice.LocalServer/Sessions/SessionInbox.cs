using System.Threading.Channels;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// The mailbox of a session's loop: any thread posts, the loop alone reads, in the order posted. Posting never waits on
/// the loop's work, so a slow message never holds back the decoding and synthesis tasks or the socket's reader; once the
/// session has ended, posts are dropped. Client frames alone are bounded (<see cref="PostClientFrameAsync"/>).
/// </summary>
internal sealed class SessionInbox
{
    /// <summary>Client frames posted but not yet handled, at most; a frame may be as large as the frame limit.</summary>
    public const int MaxPendingClientFrames = 16;

    private readonly Channel<SessionMessage> _messages =
        Channel.CreateUnbounded<SessionMessage>(new UnboundedChannelOptions { SingleReader = true });

    // One credit per client frame in the mailbox: a client that sends faster than its session handles is slowed by TCP
    // (the reader stops reading), as it was when frames were handled on the reader, instead of queueing without bound.
    private readonly Channel<bool> _pendingClientFrames =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(MaxPendingClientFrames) { SingleReader = true, SingleWriter = true });

    public ChannelReader<SessionMessage> Reader => _messages.Reader;

    public void Post(SessionMessage message) => _messages.Writer.TryWrite(message);

    /// <summary>Posts a client frame once fewer than <see cref="MaxPendingClientFrames"/> wait; the loop calls <see cref="ClientFrameHandled"/>.</summary>
    public async ValueTask PostClientFrameAsync(SessionMessage frame, CancellationToken cancellationToken)
    {
        await _pendingClientFrames.Writer.WriteAsync(true, cancellationToken);
        Post(frame);
    }

    public void ClientFrameHandled() => _pendingClientFrames.Reader.TryRead(out _);

    public void Close() => _messages.Writer.TryComplete();
}
