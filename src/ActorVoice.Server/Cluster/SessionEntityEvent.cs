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
/// <param name="TranscriptEntries">On start: the entries of the transcript log it took over (0 for a new session).</param>
/// <param name="LastTurn">On start: the turn number its turns go on from.</param>
/// <param name="LogReadMs">On start: how long reading the transcript log took.</param>
/// <param name="StartMs">On start: from the attachment's arrival to the session configured.</param>
public sealed record SessionEntityEvent(string SessionId, string Node, bool Started, DateTimeOffset At, int TranscriptEntries = 0, int LastTurn = 0, double LogReadMs = 0, double StartMs = 0);
