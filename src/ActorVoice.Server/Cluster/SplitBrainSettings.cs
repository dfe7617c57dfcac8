using ActorVoice.Config;

namespace ActorVoice.Server.Cluster;

/// <summary><c>actorvoice.cluster.split-brain-resolver</c>.</summary>
public sealed record SplitBrainSettings
{
    [OneOf("keep-majority")]
    public required string ActiveStrategy { get; init; }

    [Positive]
    public required TimeSpan StableAfter { get; init; }
}
