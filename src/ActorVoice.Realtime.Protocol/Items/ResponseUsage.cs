namespace ActorVoice.Realtime.Protocol.Items;

/// <summary>Token usage of a response (<c>response.done</c>); the local server reports zeros, it has no tokens.</summary>
public sealed record ResponseUsage
{
    public int TotalTokens { get; init; }

    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    public InputTokenDetails? InputTokenDetails { get; init; }

    public OutputTokenDetails? OutputTokenDetails { get; init; }
}
