namespace ActorVoice.Server.Cluster;

/// <summary>
/// Whether a client's sharded session is attached, shared by its <see cref="ClientFrontActor"/> (which writes it) and
/// the connection's receive loop (which reads it on every frame without sending a message, and asks for one re-attach
/// per loss).
/// </summary>
internal sealed class PlacementState
{
    private int _lost;
    private int _reattachAsked;

    public bool IsLost => Volatile.Read(ref _lost) == 1;

    public void Attached()
    {
        Volatile.Write(ref _lost, 0);
        Volatile.Write(ref _reattachAsked, 0);
    }

    public void Lost()
    {
        Volatile.Write(ref _reattachAsked, 0);
        Volatile.Write(ref _lost, 1);
    }

    /// <summary>True once per loss: the caller sends the re-attach.</summary>
    public bool TryAskReattach() => IsLost && Interlocked.Exchange(ref _reattachAsked, 1) == 0;
}
