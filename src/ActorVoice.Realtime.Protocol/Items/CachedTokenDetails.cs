namespace ActorVoice.Realtime.Protocol.Items;

public sealed record CachedTokenDetails
{
    public int? TextTokens { get; init; }

    public int? AudioTokens { get; init; }

    public int? ImageTokens { get; init; }
}
