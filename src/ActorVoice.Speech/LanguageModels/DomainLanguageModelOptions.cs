using ActorVoice.Speech.Recognition;

namespace ActorVoice.Speech.LanguageModels;

/// <summary>How <see cref="DomainLanguageModel"/> mixes document text with generic question English.</summary>
public sealed record DomainLanguageModelOptions
{
    /// <summary>Count weight of each document sentence.</summary>
    public double DocumentWeight { get; init; } = 1.0;

    /// <summary>Count weight of each fixed generic question (<see cref="GenericQuestionCorpus.Sentences"/>).</summary>
    public double GenericQuestionWeight { get; init; } = 1.0;

    /// <summary>Count weight of each template question filled with a document phrase.</summary>
    public double TemplateQuestionWeight { get; init; } = 0.2;

    /// <summary>How many frequent document phrases fill the question templates.</summary>
    public int TemplatePhraseCount { get; init; } = 150;

    /// <summary>Dictionary used for known words (and merged with guesses for unknown ones).</summary>
    public string BaseDictionaryPath { get; init; } = PocketsphinxOptions.Default.DictionaryPath;

    /// <summary>Parallel t2p processes for out-of-dictionary words.</summary>
    public int PronunciationParallelism { get; init; } = 4;
}
