namespace ActorVoice.LocalServer.Hosting;

public sealed record VadSettings
{
    public double MinDbfs { get; init; } = -60;

    public double MaxDbfs { get; init; } = -10;

    public double Threshold { get; init; } = 0.5;

    public TimeSpan PrefixPadding { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan SilenceDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MinSpeechDuration { get; init; } = TimeSpan.FromMilliseconds(120);
}
