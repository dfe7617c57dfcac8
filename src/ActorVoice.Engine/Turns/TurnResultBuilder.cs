using ActorVoice.Engine.Turns.BargeIn;

namespace ActorVoice.Engine.Turns;

/// <summary>Assembles what a turn reports: its <see cref="TurnResult"/>, the part of the answer the user heard, the barge-in report.</summary>
public static class TurnResultBuilder
{
    public static TurnResult Build(TurnState turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var spoken = turn.Spoken.ToString().Trim();
        return new TurnResult(turn.Number, turn.Label)
        {
            Partials = turn.Partials.Distinct().ToList(),
            LocalPartials = turn.LocalPartials.Distinct().ToList(),
            Transcript = turn.Transcript,
            Sources = turn.Sources,
            Answer = turn.Answer,
            SpokenTranscript = spoken,
            HeardAnswer = turn.HeardAnswer ?? spoken,
            AudioReceivedMs = turn.AudioReceivedMs,
            AudioPlayedMs = turn.AudioPlayedMs,
            AudioFile = turn.AudioFile,
            Timeline = turn.Timeline.Timeline,
            Speculation = turn.Speculation,
            BargeIn = turn.BargeInReport,
            Backchannels = turn.Backchannels,
            // An error in a turn that would otherwise count as answered makes it a failure; an interruption is no error.
            Outcome = turn.Error is not null && turn.Outcome == TurnOutcome.Answered ? TurnOutcome.Failed : turn.Outcome,
            // A fallback is no answer: its reason is also the error (callers that only look at Error still see it).
            Error = turn.Outcome switch
            {
                TurnOutcome.Interrupted => null,
                TurnOutcome.Fallback => turn.Error ?? turn.FallbackReason,
                _ => turn.Error,
            },
            FallbackReason = turn.Outcome == TurnOutcome.Fallback ? turn.FallbackReason : null,
            FalseInterruptions = turn.FalseInterruptions,
            Truncations = [.. turn.Truncations],
        };
    }

    /// <summary>The words of the spoken answer the user heard, in proportion to the audio played.</summary>
    public static string HeardPart(string spoken, long playedMs, long receivedMs)
    {
        ArgumentNullException.ThrowIfNull(spoken);
        if (receivedMs <= 0 || playedMs <= 0)
        {
            return string.Empty;
        }

        var words = spoken.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var heard = (int)Math.Floor(words.Length * Math.Min(1.0, playedMs / (double)receivedMs));
        return string.Join(' ', words.Take(heard));
    }

    /// <summary>
    /// The barge-in report: detection time from the onset of the user's speech, time from the decision to
    /// <paramref name="silentAt"/> (playback silent), the audio played and what the item was truncated to.
    /// </summary>
    public static BargeInReport BargeInReport(BargeInDetection detection, DateTimeOffset silentAt, long playedMs, long truncatedMs)
    {
        ArgumentNullException.ThrowIfNull(detection);
        return new BargeInReport(
            detection.DetectedBy,
            Math.Round(Math.Max(0, (detection.DetectedAt - detection.Onset).TotalMilliseconds), 1),
            Math.Round(Math.Max(0, (silentAt - detection.DetectedAt).TotalMilliseconds), 1),
            playedMs,
            truncatedMs);
    }
}
