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

    /// <summary>Answer before the final transcript from a preliminary speculative result, holding the audio until confirmed.</summary>
    public required bool Preemptive { get; init; }

    /// <summary>Speak <see cref="BridgeText"/> when no answer is ready <see cref="BridgeAfter"/> the end of speech.</summary>
    public required bool Bridge { get; init; }

    public required TimeSpan BridgeAfter { get; init; }

    public required string BridgeText { get; init; }
}
