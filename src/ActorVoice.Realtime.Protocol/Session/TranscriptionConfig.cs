namespace ActorVoice.Realtime.Protocol.Session;

public sealed record TranscriptionConfig
{
    public string? Model { get; init; }

    public string? Language { get; init; }

    public string? Prompt { get; init; }
}
