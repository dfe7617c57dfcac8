using System.Threading.Channels;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// The mailbox of a session's loop: any thread posts, the loop alone reads, in the order posted. Posting never waits,
/// so the socket's reader and the decoding and synthesis tasks are never held back by the loop; once the session has
/// ended, posts are dropped.
/// </summary>
internal sealed class SessionInbox
{
    private readonly Channel<SessionMessage> _messages =
        Channel.CreateUnbounded<SessionMessage>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<SessionMessage> Reader => _messages.Reader;

    public void Post(SessionMessage message) => _messages.Writer.TryWrite(message);

    public void Close() => _messages.Writer.TryComplete();
}
