namespace ActorVoice.Engine.Turns;

/// <summary>
/// Milliseconds from the end of the user's speech (the last voiced audio, as the server's VAD placed it) to each
/// mark of a turn. Null: the mark was not reached.
/// </summary>
public sealed record TurnTimeline
{
    /// <summary>The server's speech_stopped arrived (includes the VAD's silence window).</summary>
    public double? SpeechStoppedMs { get; init; }

    public double? TranscriptFinalMs { get; init; }

    public double? RetrievalDoneMs { get; init; }

    /// <summary>First assistant audio of anything (a bridging acknowledgement included): voice-to-voice.</summary>
    public double? FirstAudioMs { get; init; }

    /// <summary>First audio of the answer itself (equals <see cref="FirstAudioMs"/> when nothing bridged).</summary>
    public double? AnswerAudioMs { get; init; }

    public double? PlaybackStartedMs { get; init; }

    public double? PlaybackDoneMs { get; init; }

    /// <summary>Every mark of the turn in order of time (the lab's, traces' and telemetry's source).</summary>
    public IReadOnlyList<TimelineMark> Marks { get; init; } = [];
}
