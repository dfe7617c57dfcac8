using ActorVoice.Audio.Vad;

namespace ActorVoice.Evaluation.Noise;

/// <summary>
/// Scores a VAD's transitions on one trial against the clean utterance's speech segments (<see cref="SpeechActivity"/>).
/// Times are when a transition was reported, since that is when the engine acts on it:
/// <list type="bullet">
/// <item>false barge-in: a speech start reported before the utterance began, or one whose speech begins after it ended
/// (<see cref="TrailingGraceMs"/> allowed) — the VAD heard the noise or echo as a user;</item>
/// <item>early turn end: a speech stop reported inside a reference segment, before the utterance's end (a pause shorter
/// than the silence window lies inside a segment, so stopping there is the VAD's error, not the speaker's);</item>
/// <item>missed turn end: in speech at the utterance's end, and no stop reported within <c>endWindowMs</c> after it;</item>
/// <item>missed speech: never in speech during the utterance;</item>
/// <item>end latency: from the utterance's end to the stop reported after it (the silence window included).</item>
/// </list>
/// </summary>
public static class VadTrialScorer
{
    /// <summary>A start whose speech begins this soon after the utterance ended is the utterance's tail, not a new start.</summary>
    public const long TrailingGraceMs = 200;

    public static VadTrialScore Score(IReadOnlyList<DetectedTransition> transitions, IReadOnlyList<SpeechSegment> utterance, long endWindowMs)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(utterance);
        if (utterance.Count == 0)
        {
            throw new ArgumentException("The reference utterance has no speech.", nameof(utterance));
        }

        var utteranceStart = utterance[0].StartMs;
        var utteranceEnd = utterance[^1].EndMs;
        var falseBargeIns = 0;
        var earlyEnd = false;
        var inSpeech = false;
        var heard = false;
        long? stopAfterEnd = null;
        var inSpeechAtEnd = false;
        var endPassed = false;

        foreach (var t in transitions.OrderBy(t => t.EmittedMs))
        {
            if (!endPassed && t.EmittedMs > utteranceEnd)
            {
                endPassed = true;
                inSpeechAtEnd = inSpeech;
            }

            if (t.Kind == VadTransitionKind.SpeechStarted)
            {
                if (t.EmittedMs < utteranceStart || t.AudioMs >= utteranceEnd + TrailingGraceMs)
                {
                    falseBargeIns++;
                }
                else
                {
                    heard = true;
                }

                inSpeech = true;
                continue;
            }

            if (t.EmittedMs <= utteranceEnd && utterance.Any(s => t.EmittedMs >= s.StartMs && t.EmittedMs < s.EndMs))
            {
                earlyEnd = true;
            }

            if (endPassed && inSpeechAtEnd && stopAfterEnd is null)
            {
                stopAfterEnd = t.EmittedMs;
            }

            inSpeech = false;
        }

        if (!endPassed)
        {
            inSpeechAtEnd = inSpeech;
        }

        // A start reported in the lead-in noise that runs on into the utterance also covers it.
        heard |= inSpeechAtEnd;
        var latency = stopAfterEnd is { } stop && stop - utteranceEnd <= endWindowMs ? stop - utteranceEnd : (long?)null;
        var missedEnd = inSpeechAtEnd && latency is null;
        return new VadTrialScore(falseBargeIns, earlyEnd, missedEnd, MissedSpeech: !heard, latency);
    }
}
