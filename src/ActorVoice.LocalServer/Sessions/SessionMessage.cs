namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// Something for a session's loop to handle: a client frame, or the result of work done off the loop (a decoded
/// utterance, a synthesized chunk). Immutable; each part of the session declares the messages it handles.
/// </summary>
internal abstract record SessionMessage;
