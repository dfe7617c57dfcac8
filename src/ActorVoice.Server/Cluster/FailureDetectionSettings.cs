using ActorVoice.Config;

namespace ActorVoice.Server.Cluster;

/// <summary><c>actorvoice.cluster.failure-detection</c>: Akka.Cluster's phi accrual failure detector.</summary>
public sealed record FailureDetectionSettings
{
    [Positive]
    public required TimeSpan HeartbeatInterval { get; init; }

    [Positive]
    public required TimeSpan AcceptableHeartbeatPause { get; init; }
}
