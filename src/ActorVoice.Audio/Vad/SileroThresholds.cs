namespace ActorVoice.Audio.Vad;

/// <summary>
/// Hysteresis of <see cref="SileroVad"/> on the model's speech probability: a window at or above <see cref="Start"/>
/// counts as speech while none is in progress; once speech runs, a window counts as silence only below
/// <see cref="End"/>, so the probability wavering around one threshold does not chop a sentence.
/// </summary>
public sealed record SileroThresholds
{
    public SileroThresholds(double start, double end)
    {
        if (start is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "The Silero start threshold must be in (0, 1].");
        }

        if (end < 0 || end > start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The Silero end threshold must be in [0, start={start}].");
        }

        Start = start;
        End = end;
    }

    public double Start { get; }

    public double End { get; }

    /// <summary>Silero's own convention: the end threshold sits 0.15 below the start one.</summary>
    public static SileroThresholds FromStart(double start, double gap = 0.15) => new(start, Math.Max(0, start - gap));
}
