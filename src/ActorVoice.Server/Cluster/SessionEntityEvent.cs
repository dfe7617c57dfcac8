namespace ActorVoice.Server.Cluster;

/// <summary>
/// Published on the node's event stream when a session entity starts serving its client (a live session is running on
/// this node) and when that incarnation stops: what the cluster test reads to check that no session ever ran on two
/// nodes at once, and the per-node session spread.
/// </summary>
/// <param name="SessionId">The client's session id (the entity id).</param>
/// <param name="Node">The node's address.</param>
/// <param name="Started">True when it started serving, false when it stopped.</param>
/// <param name="At">When.</param>
public sealed record SessionEntityEvent(string SessionId, string Node, bool Started, DateTimeOffset At);
