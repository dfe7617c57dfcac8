namespace ActorVoice.Evaluation.Noise;

/// <summary>
/// Where a clean recording has speech, frame by frame (20 ms): the reference the VAD bench scores against. Frames within
/// 40 dB of the loudest frame are voiced; voiced stretches separated by less than the VAD's silence window are one
/// segment, so a pause the VAD should sit through stays inside a segment, while a longer one (a legitimate turn end)
/// splits it. Also gives the active speech level the SNR is measured against.
/// </summary>
public static class SpeechActivity
{
    public const int FrameMs = 20;
    private const double DynamicRangeDb = 40;

    /// <summary>Speech segments of <paramref name="clean"/> in ms, pauses shorter than <paramref name="silenceMs"/> bridged.</summary>
    public static IReadOnlyList<SpeechSegment> Segments(ReadOnlySpan<short> clean, int sampleRate, int silenceMs)
    {
        var voiced = VoicedFrames(clean, sampleRate);
        var segments = new List<SpeechSegment>();
        for (var i = 0; i < voiced.Length; i++)
        {
            if (!voiced[i])
            {
                continue;
            }

            long start = i * FrameMs, end = (i + 1) * FrameMs;
            if (segments.Count > 0 && start - segments[^1].EndMs < silenceMs)
            {
                segments[^1] = segments[^1] with { EndMs = end };
            }
            else
            {
                segments.Add(new SpeechSegment(start, end));
            }
        }

        return segments;
    }

    /// <summary>RMS (full scale = 1) over the voiced frames only: the level an SNR of speech is defined against.</summary>
    public static double ActiveRms(ReadOnlySpan<short> clean, int sampleRate)
    {
        var voiced = VoicedFrames(clean, sampleRate);
        var frame = sampleRate * FrameMs / 1000;
        double sum = 0;
        long count = 0;
        for (var i = 0; i < voiced.Length; i++)
        {
            if (!voiced[i])
            {
                continue;
            }

            foreach (var s in clean.Slice(i * frame, frame))
            {
                var v = s / 32768.0;
                sum += v * v;
            }

            count += frame;
        }

        return count == 0 ? 0 : Math.Sqrt(sum / count);
    }

    private static bool[] VoicedFrames(ReadOnlySpan<short> clean, int sampleRate)
    {
        var frame = sampleRate * FrameMs / 1000;
        var frames = clean.Length / frame;
        var levels = new double[frames];
        var loudest = double.NegativeInfinity;
        for (var i = 0; i < frames; i++)
        {
            var rms = NoiseSignals.Rms(clean.Slice(i * frame, frame));
            levels[i] = rms <= 1e-7 ? -140 : 20 * Math.Log10(rms);
            loudest = Math.Max(loudest, levels[i]);
        }

        var floor = Math.Max(-70, loudest - DynamicRangeDb);
        return [.. levels.Select(l => l > floor)];
    }
}

/// <summary>A stretch of reference speech, in ms of the trial's audio.</summary>
public sealed record SpeechSegment(long StartMs, long EndMs);
