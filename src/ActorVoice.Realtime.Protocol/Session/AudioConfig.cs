namespace ActorVoice.Realtime.Protocol.Session;

public sealed record AudioConfig
{
    public AudioInputConfig? Input { get; init; }

    public AudioOutputConfig? Output { get; init; }
}
