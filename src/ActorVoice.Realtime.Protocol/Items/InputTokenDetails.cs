namespace ActorVoice.Realtime.Protocol.Items;

public sealed record InputTokenDetails
{
    public int? CachedTokens { get; init; }

    public int? TextTokens { get; init; }

    public int? AudioTokens { get; init; }

    public int? ImageTokens { get; init; }

    public CachedTokenDetails? CachedTokensDetails { get; init; }
}
