using System.Threading.Channels;
using Akka.Actor;
using Akka.Streams.Dsl;
using ActorVoice.Engine.Live;
using ActorVoice.Engine.Sessions;
using ActorVoice.Hosting.Sessions;

namespace ActorVoice.Server.Sessions;

/// <summary>
/// Every session in this process (one node): a session tree per client (<c>/user/client-ID</c>) whose capture source is
/// the connection's microphone channel, and an observer actor that turns its notifications into the client's events.
/// </summary>
internal sealed class LocalSessionPlacement(ActorSystem system, VoiceSessions sessions) : ISessionPlacement
{
    public async Task<IPlacedSession> StartAsync(string id, ClientOutbox outbox, ChannelReader<short[]> microphone, CancellationToken cancellationToken)
    {
        var observer = system.ActorOf(ClientObserverActor.Props(outbox), $"client-{id}-observer");
        try
        {
            var audio = new LiveAudio(ChannelSource.FromReader(microphone), new SocketSpeaker(outbox));
            var session = await sessions.StartLiveAsync(observer, $"client-{id}", audio, cancellationToken);
            return new Placed(system, session, observer);
        }
        catch
        {
            system.Stop(observer);
            throw;
        }
    }

    private sealed class Placed(ActorSystem system, IActorRef session, IActorRef observer) : IPlacedSession
    {
        public void EndTurn(string reason) => session.Tell(new SessionActor.EndTurn(reason));

        public void OnFrame()
        {
        }

        public void Dispose()
        {
            system.Stop(session);
            system.Stop(observer);
        }
    }
}
