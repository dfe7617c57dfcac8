namespace ActorVoice.Server.Sessions;

/// <summary>
/// What a session says to its client: JSON events, answer audio, the stop of a response's queued audio, and the turn
/// state the events carry. <see cref="ClientOutbox"/> writes into the connection's queue on the same node; in cluster
/// mode a session on another node writes through <c>Cluster.RemoteOutbox</c>, which sends it to the client's node.
/// </summary>
internal interface IClientOutbox
{
    /// <summary>The number of the turn in progress or last seen (0 before the first).</summary>
    int Turn { get; }

    void TurnChanged(int turn, string state);

    bool Send(byte[] json);

    bool SendAudio(string responseId, byte[] pcm);

    /// <summary>Drops the audio of <paramref name="responseId"/> still queued for the client (barge-in).</summary>
    void StopResponse(string responseId);
}
