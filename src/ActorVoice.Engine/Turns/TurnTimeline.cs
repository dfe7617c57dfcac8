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

    public double? FirstAudioMs { get; init; }

    public double? PlaybackStartedMs { get; init; }

    public double? PlaybackDoneMs { get; init; }
}
