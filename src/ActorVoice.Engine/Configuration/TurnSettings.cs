namespace ActorVoice.Engine.Configuration;

public sealed record TurnSettings
{
    public double VadThreshold { get; init; } = 0.5;

    public TimeSpan VadPrefixPadding { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan VadSilenceDuration { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan TranscriptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan TurnTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public string NoAnswerText { get; init; } = "Sorry, I could not find that in the documents.";
}
