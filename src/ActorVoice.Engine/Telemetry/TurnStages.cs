using ActorVoice.Engine.Turns;

namespace ActorVoice.Engine.Telemetry;

/// <summary>
/// The stage boundaries of one turn in milliseconds from the end of the user's speech, read from its timeline marks
/// (<see cref="TurnTimeline.Marks"/>) with the timeline's summary fields as fallback. Null: the stage did not happen.
/// </summary>
public sealed record TurnStages(
    double? SpeechStartMs,
    double? FinalTranscriptMs,
    double? AnswerReadyMs,
    double? FirstAudioMs,
    double? AnswerAudioMs,
    double? PlaybackStartMs,
    double? PlaybackEndMs)
{
    public static TurnStages Of(TurnResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = result.Timeline;
        return new TurnStages(
            First(t, TimelineMarks.SpeechStartLocal) is { } local && First(t, TimelineMarks.SpeechStartService) is { } service
                ? Math.Min(local, service)
                : First(t, TimelineMarks.SpeechStartLocal) ?? First(t, TimelineMarks.SpeechStartService),
            First(t, TimelineMarks.FinalTranscript) ?? t.TranscriptFinalMs,
            Last(t, TimelineMarks.AnswerReady) ?? t.RetrievalDoneMs,
            First(t, TimelineMarks.FirstAudio) ?? t.FirstAudioMs,
            First(t, TimelineMarks.FirstAnswerAudio) ?? t.AnswerAudioMs ?? t.FirstAudioMs,
            First(t, TimelineMarks.PlaybackStart) ?? t.PlaybackStartedMs,
            Last(t, TimelineMarks.PlaybackEnd) ?? t.PlaybackDoneMs);
    }

    /// <summary>How long the answer's knowledge kept the turn waiting after the final transcript (0 when it was ready before).</summary>
    public double? RagAddedMs =>
        AnswerReadyMs is { } ready && FinalTranscriptMs is { } final ? Math.Max(0, ready - final) : null;

    private static double? First(TurnTimeline timeline, string name) =>
        timeline.Marks.FirstOrDefault(mark => mark.Name == name)?.AtMs;

    private static double? Last(TurnTimeline timeline, string name) =>
        timeline.Marks.LastOrDefault(mark => mark.Name == name)?.AtMs;
}
