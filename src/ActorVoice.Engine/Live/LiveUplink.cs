using System.Threading.Channels;
using ActorVoice.Realtime.Protocol;

namespace ActorVoice.Engine.Live;

/// <summary>
/// The socket end of a live capture, which outlives connections: the session points it at each new connection's
/// outgoing channel (<see cref="Connect"/>) and unplugs it while the link is down (<see cref="Disconnect"/>). Audio
/// written while unplugged, or into a connection that just closed, is dropped: a live microphone cannot wait, and the
/// session re-seeds the conversation from its transcript log, not from old audio.
/// </summary>
public sealed class LiveUplink
{
    private ChannelWriter<ClientEvent>? _writer;

    /// <summary>Audio events dropped because no connection was there to take them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    private long _dropped;

    public void Connect(ChannelWriter<ClientEvent> writer) => Volatile.Write(ref _writer, writer ?? throw new ArgumentNullException(nameof(writer)));

    public void Disconnect() => Volatile.Write(ref _writer, null);

    /// <summary>Writes <paramref name="e"/> to the current connection (waiting while its audio queue is full), or drops it.</summary>
    public async ValueTask WriteAsync(ClientEvent e)
    {
        var writer = Volatile.Read(ref _writer);
        if (writer is null)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        try
        {
            await writer.WriteAsync(e);
        }
        catch (ChannelClosedException)
        {
            // The connection closed under the write; the session hears of it and reconnects.
            Interlocked.Increment(ref _dropped);
        }
    }
}
