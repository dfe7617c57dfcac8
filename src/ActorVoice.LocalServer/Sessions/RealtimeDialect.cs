namespace ActorVoice.LocalServer.Sessions;

/// <summary>Which event names a client speaks: GA, or the retired beta (<c>realtime=v1</c>) names for old clients.</summary>
public enum RealtimeDialect
{
    GA,
    Beta,
}
