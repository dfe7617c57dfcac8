using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>How the spoken answer is made (<c>actorvoice.engine.answer</c>).</summary>
public sealed record AnswerSettings
{
    [SettingRange(1)]
    public required int MaxSentences { get; init; }

    [SettingRange(1)]
    public required int MaxChars { get; init; }

    public required AnswerInjection Injection { get; init; }

    /// <summary>Passages put into the context in <see cref="AnswerInjection.Passages"/> and returned by the tool.</summary>
    [SettingRange(1)]
    public required int ContextPassages { get; init; }
}
