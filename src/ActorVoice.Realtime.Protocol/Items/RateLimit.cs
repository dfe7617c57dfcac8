namespace ActorVoice.Realtime.Protocol.Items;

/// <summary>One entry of <c>rate_limits.updated</c>: <c>requests</c> or <c>tokens</c>.</summary>
public sealed record RateLimit(string Name)
{
    public int? Limit { get; init; }

    public int? Remaining { get; init; }

    public double? ResetSeconds { get; init; }
}
