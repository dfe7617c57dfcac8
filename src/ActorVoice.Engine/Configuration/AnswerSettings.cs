namespace ActorVoice.Engine.Configuration;

public sealed record AnswerSettings
{
    public int MaxSentences { get; init; } = 2;

    public int MaxChars { get; init; } = 320;
}
