namespace ActorVoice.Realtime.Protocol.Items;

public sealed record OutputTokenDetails
{
    public int? TextTokens { get; init; }

    public int? AudioTokens { get; init; }
}
