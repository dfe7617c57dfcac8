namespace ActorVoice.Realtime.Protocol.Session;

public sealed record AudioOutputConfig
{
    public AudioFormat? Format { get; init; }

    public string? Voice { get; init; }

    public double? Speed { get; init; }
}
