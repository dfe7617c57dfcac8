namespace ActorVoice.Engine.Configuration;

public sealed record SupervisionSettings
{
    public int MaxRetries { get; init; } = 3;

    public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(30);
}
