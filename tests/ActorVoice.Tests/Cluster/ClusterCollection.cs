namespace ActorVoice.Tests.Cluster;

/// <summary>The cluster tests run one after another: each loads a machine's worth of nodes and real-time clients.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster";
}
