using System.Threading.Channels;

namespace ActorVoice.Server.Sessions;

/// <summary>
/// Where a client's live voice session runs: in this process (<see cref="LocalSessionPlacement"/>, one node) or on
/// the node of its shard (<c>Cluster.ClusterSessionPlacement</c>, docs/cluster.md).
/// </summary>
internal interface ISessionPlacement
{
    /// <summary>
    /// Starts client <paramref name="id"/>'s session: its microphone is read from <paramref name="microphone"/>, its
    /// events and answers go to <paramref name="outbox"/>. Returns once the session is configured.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session could not start (the reason says why).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> ended the wait.</exception>
    Task<IPlacedSession> StartAsync(string id, ClientOutbox outbox, ChannelReader<short[]> microphone, CancellationToken cancellationToken);
}
