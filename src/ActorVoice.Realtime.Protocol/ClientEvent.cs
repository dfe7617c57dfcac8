namespace ActorVoice.Realtime.Protocol;

/// <summary>An event a client sends to the realtime server.</summary>
public abstract record ClientEvent : RealtimeEvent;
