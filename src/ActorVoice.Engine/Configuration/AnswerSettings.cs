namespace ActorVoice.Engine.Configuration;

public sealed record AnswerSettings
{
    public int MaxSentences { get; init; } = 2;

    public int MaxChars { get; init; } = 320;

    public AnswerInjection Injection { get; init; } = AnswerInjection.Verbatim;

    /// <summary>Passages put into the context in <see cref="AnswerInjection.Passages"/> and returned by the tool.</summary>
    public int ContextPassages { get; init; } = 3;
}
