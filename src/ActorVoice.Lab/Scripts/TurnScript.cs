namespace ActorVoice.Lab.Scripts;

/// <summary>
/// Everything about one simulated turn that does not depend on the strategy: the question, what the recognizer
/// hears and when, and the stage latencies. Times are milliseconds relative to the end of user speech (0);
/// speech starts at <c>-SpeechDurationMs</c>.
/// </summary>
public sealed record TurnScript
{
    public required int Turn { get; init; }

    public required string QuestionId { get; init; }

    /// <summary>What the user really asked.</summary>
    public required string Question { get; init; }

    /// <summary>The question's recording (live runs play it), when its set has one.</summary>
    public string? AudioFile { get; init; }

    public required double SpeechDurationMs { get; init; }

    /// <summary>Partial transcripts in time order; the last covers the whole question.</summary>
    public required IReadOnlyList<ScriptedPartial> Partials { get; init; }

    /// <summary>End of speech as the engine's own VAD sees it.</summary>
    public required double SpeechEndLocalMs { get; init; }

    /// <summary>End of speech as the service's VAD sees it; the input buffer is committed then.</summary>
    public required double SpeechEndServiceMs { get; init; }

    public required double FinalTranscriptMs { get; init; }

    /// <summary>The service's final transcript; it may differ from <see cref="Question"/> (recognition errors).</summary>
    public required string FinalText { get; init; }

    /// <summary>How long a retrieval job on the final transcript takes.</summary>
    public required double FinalKnowledgeLatencyMs { get; init; }

    public required double FirstAudioLatencyMs { get; init; }

    public required double AnswerDurationMs { get; init; }

    public required double BridgeFirstAudioLatencyMs { get; init; }

    public required double BridgeDurationMs { get; init; }

    public double SpeechStartMs => -SpeechDurationMs;

    public double CommitMs => SpeechEndServiceMs;

    /// <summary>What the engine's local recognizer has at its own end of speech: the last partial by then.</summary>
    public string LocalText =>
        Partials.LastOrDefault(partial => partial.AtMs <= SpeechEndLocalMs)?.Text ?? string.Empty;
}
