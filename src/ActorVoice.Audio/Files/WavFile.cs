using NAudio.Wave;
using ActorVoice.Audio.Processing;

namespace ActorVoice.Audio.Files;

/// <summary>Reads WAV files of any common PCM/float layout into mono PCM16 at a chosen rate, and writes PCM16 WAVs.</summary>
public static class WavFile
{
    /// <summary>
    /// Loads <paramref name="path"/>, mixes to mono and resamples to <paramref name="targetRate"/>.
    /// Throws <see cref="AudioFormatException"/> with a clear message for a missing file or a format it cannot decode.
    /// </summary>
    public static short[] LoadMono16(string path, int targetRate)
    {
        if (!File.Exists(path))
        {
            throw new AudioFormatException($"Audio file not found: {path}");
        }

        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(path);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw new AudioFormatException($"'{path}' is not a readable WAV file: {ex.Message}", ex);
        }

        using (reader)
        {
            var format = reader.WaveFormat;
            var supported = (format.Encoding == WaveFormatEncoding.Pcm && format.BitsPerSample is 8 or 16 or 24 or 32)
                || (format.Encoding == WaveFormatEncoding.IeeeFloat && format.BitsPerSample == 32)
                || (format.Encoding == WaveFormatEncoding.Extensible && format.BitsPerSample is 16 or 24 or 32);
            if (!supported || format.Channels is < 1 or > 8)
            {
                throw new AudioFormatException(
                    $"'{path}' uses an unsupported WAV encoding ({format.Encoding}, {format.BitsPerSample} bit, {format.Channels} channels); " +
                    "use PCM (8/16/24/32 bit) or 32-bit float.");
            }

            var samples = reader.ToSampleProvider();
            var channels = format.Channels;
            var mono = new List<short>((int)(reader.SampleCount > 0 ? Math.Min(reader.SampleCount, int.MaxValue) : 0));
            var buffer = new float[4096 * channels];
            int read;
            while ((read = samples.Read(buffer.AsSpan())) > 0)
            {
                for (var i = 0; i + channels <= read; i += channels)
                {
                    float sum = 0;
                    for (var c = 0; c < channels; c++)
                    {
                        sum += buffer[i + c];
                    }

                    var v = Math.Clamp(sum / channels, -1f, 1f);
                    mono.Add((short)MathF.Round(v * 32767f));
                }
            }

            var monoArray = mono.ToArray();
            return format.SampleRate == targetRate ? monoArray : PcmResampler.Convert(monoArray, format.SampleRate, targetRate);
        }
    }

    /// <summary>Writes mono PCM16 samples to a WAV file, creating the folder if needed.</summary>
    public static void WriteMono16(string path, ReadOnlySpan<short> samples, int sampleRate)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var writer = new WaveFileWriter(path, new WaveFormat(sampleRate, 16, 1));
        var bytes = Pcm.Pcm16.ToBytes(samples);
        writer.Write(bytes, 0, bytes.Length);
    }
}
