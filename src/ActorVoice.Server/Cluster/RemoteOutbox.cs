using Akka.Actor;
using ActorVoice.Server.Sessions;

namespace ActorVoice.Server.Cluster;

/// <summary>
/// A session's outbox on the node that runs it: every event, answer-audio chunk and stop goes to the client's
/// <see cref="ClientFrontActor"/> on its front node as one message (answer audio arrives from the realtime server in
/// chunks well above 20 ms, so this is one message per chunk, never per microphone frame). The turn state is kept here
/// too, for the speaker's events.
/// </summary>
internal sealed class RemoteOutbox(IActorRef front) : IClientOutbox
{
    // Half a second of 24 kHz PCM16: well under Akka.Remote's frame limit once serialized.
    private const int MaxAudioBytes = 24_000;
    private int _turn;

    public int Turn => Volatile.Read(ref _turn);

    public void TurnChanged(int turn, string state)
    {
        if (turn > 0)
        {
            Volatile.Write(ref _turn, turn);
        }

        front.Tell(new ClientFrontActor.TurnChanged(turn, state));
    }

    public bool Send(byte[] json)
    {
        front.Tell(new ClientFrontActor.ToClient(json, Binary: false, ResponseId: null));
        return true;
    }

    public bool SendAudio(string responseId, byte[] pcm)
    {
        // A synthesized answer may arrive as one large chunk; Akka.Remote refuses frames above its maximum
        // (akka.remote.dot-netty.tcp.maximum-frame-size, 128 000 bytes by default), so it goes in half-second pieces.
        for (var offset = 0; offset < pcm.Length; offset += MaxAudioBytes)
        {
            var piece = offset == 0 && pcm.Length <= MaxAudioBytes ? pcm : pcm[offset..Math.Min(pcm.Length, offset + MaxAudioBytes)];
            front.Tell(new ClientFrontActor.ToClient(piece, Binary: true, responseId));
        }

        return true;
    }

    public void StopResponse(string responseId) => front.Tell(new ClientFrontActor.ResponseStopped(responseId));
}
