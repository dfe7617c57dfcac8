using Akka.Cluster.Sharding;

namespace ActorVoice.Server.Cluster;

/// <summary>
/// Places sessions on shards by the hash of their id. Every message to the region is a <see cref="ShardingEnvelope"/>
/// (entity id = the client's session id), which the extractor unwraps by itself; the envelope keeps its message's own
/// serializer, which a stream ref needs (a stream ref wrapped in a JSON message cannot cross the network).
/// </summary>
internal sealed class SessionMessageExtractor(int numberOfShards) : HashCodeMessageExtractor(numberOfShards)
{
    // Nothing but envelopes is sent to the region: anything else has no entity.
    public override string EntityId(object message) => null!;
}
