using Akka.Actor;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using ActorVoice.Server.Sockets;

namespace ActorVoice.Server.Sessions;

/// <summary>
/// The observer of one client's session: turns the engine's notifications (transcripts, state changes, completed
/// turns, reconnections) into the client's JSON events. Only notifications pass through it, never audio frames.
/// </summary>
internal sealed class ClientObserverActor : ReceiveActor
{
    // The sources each running turn's client has been sent.
    private readonly Dictionary<int, IReadOnlyList<TurnSource>> _sourcesSent = [];

    public ClientObserverActor(IClientOutbox outbox)
    {
        Receive<TurnStateChanged>(changed =>
        {
            outbox.TurnChanged(changed.TurnNumber, changed.State);
            if (changed.State == "user speaking")
            {
                outbox.Send(ClientEvents.SpeechStarted(changed.TurnNumber));
            }

            outbox.Send(ClientEvents.TurnState(changed.TurnNumber, ClientEvents.CoarseState(changed.State), changed.State, changed.SinceEndOfSpeechMs));
        });
        Receive<PartialTranscript>(p => outbox.Send(ClientEvents.TranscriptPartial(p.TurnNumber, p.Text)));
        Receive<FinalTranscript>(f => outbox.Send(ClientEvents.TranscriptFinal(f.TurnNumber, f.Text)));
        Receive<SourcesFound>(found =>
        {
            _sourcesSent[found.TurnNumber] = found.Sources;
            outbox.Send(ClientEvents.Sources(found.TurnNumber, found.Sources));
        });
        Receive<TurnCompleted>(completed =>
        {
            var result = completed.Result;
            // Sent when retrieval found them; again only if the turn ended with others (or they were never sent).
            var sent = _sourcesSent.Remove(result.TurnNumber, out var earlier) ? earlier : null;
            if (result.Sources.Count > 0 && (sent is null || !sent.SequenceEqual(result.Sources)))
            {
                outbox.Send(ClientEvents.Sources(result.TurnNumber, result.Sources));
            }

            outbox.Send(ClientEvents.TurnCompleted(result));
        });
        Receive<SessionReconnected>(r => outbox.Send(ClientEvents.SessionReconnected(r)));
        Receive<SessionActor.SessionFailed>(failed => outbox.Send(ClientEvents.Error("session_failed", failed.Reason)));
        ReceiveAny(_ => { });
    }

    public static Props Props(IClientOutbox outbox) => Akka.Actor.Props.Create(() => new ClientObserverActor(outbox));
}
