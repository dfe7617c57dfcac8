namespace ActorVoice.Realtime.Protocol;

/// <summary>An event the realtime server sends to its client.</summary>
public abstract record ServerEvent : RealtimeEvent;
