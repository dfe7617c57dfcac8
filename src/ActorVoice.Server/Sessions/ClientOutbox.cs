using ActorVoice.Server.Sockets;

namespace ActorVoice.Server.Sessions;

/// <summary>
/// What one client's session says to it: JSON events and answer audio into the connection's
/// <see cref="OutgoingQueue"/>, plus the little state the events need across threads (the current turn's number and
/// state, written by the observer actor, read by the speaker on the playback stream and by the drain).
/// </summary>
internal sealed class ClientOutbox(OutgoingQueue queue) : IClientOutbox
{
    private int _turn;
    private string _state = "idle";

    /// <summary>The number of the turn in progress or last seen (0 before the first).</summary>
    public int Turn => Volatile.Read(ref _turn);

    /// <summary>The engine's state of the current turn ("idle" between turns).</summary>
    public string State => Volatile.Read(ref _state);

    public bool InTurn => State != "idle";

    public OutgoingQueue Queue => queue;

    public void TurnChanged(int turn, string state)
    {
        if (turn > 0)
        {
            Volatile.Write(ref _turn, turn);
        }

        Volatile.Write(ref _state, state);
    }

    public bool Send(byte[] json) => queue.TryEnqueue(new OutgoingMessage(json, Binary: false));

    public bool SendAudio(string responseId, byte[] pcm) => queue.TryEnqueue(new OutgoingMessage(pcm, Binary: true, responseId));

    public void StopResponse(string responseId) => queue.StopResponse(responseId);
}
