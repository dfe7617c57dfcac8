using System.Threading.Channels;
using Akka.Actor;
using ActorVoice.Server.Sessions;

namespace ActorVoice.Server.Cluster;

/// <summary>
/// Cluster mode: a client's session runs as the sharded <see cref="SessionEntityActor"/> on the node of its shard;
/// this front node keeps the WebSocket and a <see cref="ClientFrontActor"/> that attaches it (and attaches it again
/// after its node was lost, on the client's next frame).
/// </summary>
internal sealed class ClusterSessionPlacement(ActorSystem system, IActorRef region, TimeSpan attachTimeout, TimeSpan reattachInterval) : ISessionPlacement
{
    public async Task<IPlacedSession> StartAsync(string id, ClientOutbox outbox, ChannelReader<short[]> microphone, CancellationToken cancellationToken)
    {
        var state = new PlacementState();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var front = system.ActorOf(ClientFrontActor.Props(id, outbox, microphone, region, attachTimeout, reattachInterval, state, ready), $"client-{id}");
        try
        {
            await ready.Task.WaitAsync(cancellationToken);
        }
        catch
        {
            system.Stop(front);
            throw;
        }

        return new Placed(system, front, state);
    }

    private sealed class Placed(ActorSystem system, IActorRef front, PlacementState state) : IPlacedSession
    {
        public void EndTurn(string reason) => front.Tell(new ClientFrontActor.EndTurn(reason));

        public void OnFrame()
        {
            if (state.TryAskReattach())
            {
                front.Tell(ClientFrontActor.Reattach.Instance);
            }
        }

        // The entity watches the front actor: its stop ends the session on its node.
        public void Dispose() => system.Stop(front);
    }
}
