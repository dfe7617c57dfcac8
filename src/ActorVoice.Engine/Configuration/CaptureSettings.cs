namespace ActorVoice.Engine.Configuration;

public sealed record CaptureSettings
{
    public TimeSpan Frame { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Pace frames like a microphone (true) or send them as fast as possible.</summary>
    public bool Realtime { get; init; } = true;

    public TimeSpan TrailingSilence { get; init; } = TimeSpan.FromMilliseconds(1200);
}
