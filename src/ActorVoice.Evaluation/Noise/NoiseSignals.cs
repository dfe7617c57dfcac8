namespace ActorVoice.Evaluation.Noise;

/// <summary>
/// Seeded background noises for the VAD bench, as float samples around ±1 with unit RMS (the mixer scales them to an SNR):
/// white, pink (−3 dB per octave, like rooms and fans) and babble (several other talkers at once, the hardest case for
/// any VAD because it is speech).
/// </summary>
public static class NoiseSignals
{
    public static float[] White(int length, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var noise = new float[length];
        for (var i = 0; i < length; i++)
        {
            noise[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return Normalize(noise);
    }

    /// <summary>Pink noise by Paul Kellet's refined filter of white noise (accurate to ±0.05 dB above 9 Hz at 44.1 kHz).</summary>
    public static float[] Pink(int length, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var noise = new float[length];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (var i = 0; i < length; i++)
        {
            var white = (random.NextDouble() * 2) - 1;
            b0 = (0.99886 * b0) + (white * 0.0555179);
            b1 = (0.99332 * b1) + (white * 0.0750759);
            b2 = (0.96900 * b2) + (white * 0.1538520);
            b3 = (0.86650 * b3) + (white * 0.3104856);
            b4 = (0.55000 * b4) + (white * 0.5329522);
            b5 = (-0.7616 * b5) - (white * 0.0168980);
            noise[i] = (float)(b0 + b1 + b2 + b3 + b4 + b5 + b6 + (white * 0.5362));
            b6 = white * 0.115926;
        }

        return Normalize(noise);
    }

    /// <summary>
    /// Babble: <paramref name="talkers"/> recordings summed, each starting at a random point and looping, so that
    /// several voices overlap all the time (a cafeteria or an open office).
    /// </summary>
    public static float[] Babble(IReadOnlyList<short[]> recordings, int talkers, int length, Random random)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        ArgumentNullException.ThrowIfNull(random);
        if (recordings.Count == 0 || recordings.Any(r => r.Length == 0))
        {
            throw new ArgumentException("Babble needs at least one non-empty recording.", nameof(recordings));
        }

        var noise = new float[length];
        for (var t = 0; t < talkers; t++)
        {
            var recording = recordings[random.Next(recordings.Count)];
            var level = (float)(1 / Math.Max(1e-6, Rms(recording)));
            var offset = random.Next(recording.Length);
            for (var i = 0; i < length; i++)
            {
                noise[i] += recording[(offset + i) % recording.Length] * level;
            }
        }

        return Normalize(noise);
    }

    internal static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples)
        {
            var v = s / 32768.0;
            sum += v * v;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }

    private static float[] Normalize(float[] noise)
    {
        double sum = 0;
        foreach (var v in noise)
        {
            sum += (double)v * v;
        }

        var rms = noise.Length == 0 ? 0 : Math.Sqrt(sum / noise.Length);
        if (rms > 0)
        {
            var scale = (float)(1 / rms);
            for (var i = 0; i < noise.Length; i++)
            {
                noise[i] *= scale;
            }
        }

        return noise;
    }
}
