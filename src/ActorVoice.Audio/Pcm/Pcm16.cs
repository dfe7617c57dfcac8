using System.Buffers.Binary;

namespace ActorVoice.Audio.Pcm;

/// <summary>Conversions for little-endian signed 16-bit mono PCM, the wire format of the Realtime API.</summary>
public static class Pcm16
{
    public static short[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
        {
            throw new AudioFormatException($"PCM16 audio must have an even number of bytes, got {bytes.Length}.");
        }

        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(i * 2, 2));
        }

        return samples;
    }

    public static byte[] ToBytes(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2, 2), samples[i]);
        }

        return bytes;
    }

    public static string ToBase64(ReadOnlySpan<short> samples) => Convert.ToBase64String(ToBytes(samples));

    /// <summary>Root-mean-square level of the samples on a 0..1 scale.</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (var s in samples)
        {
            var v = s / 32768.0;
            sum += v * v;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    public static TimeSpan Duration(int sampleCount, int sampleRate) => TimeSpan.FromSeconds(sampleCount / (double)sampleRate);
}
