namespace ActorVoice.Lab.Timeline;

/// <summary>
/// One turn under one strategy: the timeline's marks in milliseconds relative to the end of user speech (0; speech
/// starts at a negative time), read from a monotonic clock in live runs and from virtual time in simulated ones, and
/// the strategy's outcome. Marks of things that did not happen are null (no bridge, no response).
/// </summary>
public sealed record LabTurn
{
    public required string Strategy { get; init; }

    public required int Turn { get; init; }

    public required string QuestionId { get; init; }

    public required double SpeechStartMs { get; init; }

    public required double SpeechEndLocalMs { get; init; }

    public required double SpeechEndServiceMs { get; init; }

    public required double CommitMs { get; init; }

    public required IReadOnlyList<double> PartialsMs { get; init; }

    public required double FinalTranscriptMs { get; init; }

    public required IReadOnlyList<LabJob> Jobs { get; init; }

    /// <summary>The answer's text is available to inject (the used job's end).</summary>
    public required double AnswerReadyMs { get; init; }

    /// <summary>response.create of the answer's response.</summary>
    public required double ResponseCreateMs { get; init; }

    /// <summary>First audio the user hears, whatever it is (a bridge included).</summary>
    public required double FirstAudioMs { get; init; }

    /// <summary>First audio of the answer itself.</summary>
    public required double AnswerAudioMs { get; init; }

    /// <summary>When a bridge (acknowledgement) played: its first audio; null when none did.</summary>
    public double? BridgeAudioMs { get; init; }

    public required double PlaybackStartMs { get; init; }

    public required double PlaybackEndMs { get; init; }

    /// <summary>The user spoke over the playback (barge-in detected); null without one.</summary>
    public double? BargeInMs { get; init; }

    /// <summary>The interrupted playback fell silent.</summary>
    public double? PlaybackSilentMs { get; init; }

    /// <summary>conversation.item.truncate was sent for the interrupted answer.</summary>
    public double? TruncateSentMs { get; init; }

    /// <summary>A speculative result answered the turn.</summary>
    public required bool Hit { get; init; }

    /// <summary>The answer's top documents agree with a fresh query on the final text (always true without a hit).</summary>
    public required bool Agreement { get; init; }

    public int WastedJobs => Jobs.Count(job => job.Wasted);

    /// <summary>End of user speech → first audio of anything.</summary>
    public double VoiceToVoiceMs => FirstAudioMs;

    /// <summary>End of user speech → first audio of the answer.</summary>
    public double AnswerLatencyMs => AnswerAudioMs;

    /// <summary>How long the answer kept the user waiting after the final transcript; 0 when it was ready before.</summary>
    public double RagAddedMs => Math.Max(0, AnswerReadyMs - FinalTranscriptMs);
}
