namespace ActorVoice.Engine.Configuration;

public sealed record RetrievalSettings
{
    public int TopK { get; init; } = 3;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
