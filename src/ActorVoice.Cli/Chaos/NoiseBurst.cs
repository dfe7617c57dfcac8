using ActorVoice.Audio.Files;

namespace ActorVoice.Cli.Chaos;

/// <summary>
/// A cough-like sound for the script's false interruption: a short burst of seeded white noise with a sharp attack
/// and a fast decay, loud enough for the voice detectors, between silences (so the server's VAD closes it).
/// </summary>
public static class NoiseBurst
{
    public const int SampleRate = 24_000;

    /// <summary>Writes the burst to <paramref name="path"/> (mono, 16 bit, 24 kHz) and returns the path.</summary>
    /// <param name="path">Where to write it.</param>
    /// <param name="seed">Seeds the noise, so a run with the same seed plays the same cough.</param>
    /// <param name="burstMs">How long the noise lasts: long enough (a hard cough) to pass the barge-in minimum speech, so it pauses the answer.</param>
    /// <param name="peakDbfs">Its peak level in dB below full scale.</param>
    public static string Write(string path, int seed, int burstMs = 450, double peakDbfs = -10)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        const int leadMs = 40;
        const int tailMs = 900;
        var random = new Random(seed);
        var samples = new short[(leadMs + burstMs + tailMs) * SampleRate / 1000];
        var start = leadMs * SampleRate / 1000;
        var length = burstMs * SampleRate / 1000;
        var peak = short.MaxValue * Math.Pow(10, peakDbfs / 20);
        for (var i = 0; i < length; i++)
        {
            var t = i / (double)length;
            // 10 ms attack, then a decay to -20 dB at the end (still above the local VAD's threshold).
            var envelope = Math.Min(1.0, i / (0.010 * SampleRate)) * Math.Exp(-2.3 * t);
            samples[start + i] = (short)Math.Clamp(((random.NextDouble() * 2) - 1) * peak * envelope, short.MinValue, short.MaxValue);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        WavFile.WriteMono16(path, samples, SampleRate);
        return path;
    }
}
