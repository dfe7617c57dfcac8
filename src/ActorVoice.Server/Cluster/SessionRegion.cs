namespace ActorVoice.Server.Cluster;

/// <summary>The key of the voice-session shard region (or its proxy on a front-only node) in Akka.Hosting's registry.</summary>
internal sealed class SessionRegion
{
    private SessionRegion()
    {
    }
}
