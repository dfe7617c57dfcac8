namespace ActorVoice.Lab.Experiments;

/// <summary>
/// One experiment of the latency lab, read once from a HOCON file under <c>hocon/experiments/</c> (over the lab's
/// defaults) by <see cref="ExperimentSettingsReader"/>. Durations are in milliseconds.
/// </summary>
public sealed record ExperimentSettings
{
    /// <summary>The experiment's name: its file name without extension.</summary>
    public required string Name { get; init; }

    public required ExperimentMode Mode { get; init; }

    public required int Seed { get; init; }

    public required int Turns { get; init; }

    public required IReadOnlyList<StrategyName> Strategies { get; init; }

    public required KnowledgeSettings Knowledge { get; init; }

    public required QuestionSettings Questions { get; init; }

    public required SpeechSettings Speech { get; init; }

    public required VadSettings Vad { get; init; }

    public required RecognizerSettings Recognizer { get; init; }

    public required SpeculationSettings Speculation { get; init; }

    public required ResponseSettings Response { get; init; }

    public required BridgeSettings Bridge { get; init; }
}
