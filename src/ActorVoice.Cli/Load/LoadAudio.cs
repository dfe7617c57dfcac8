using ActorVoice.Audio.Files;

namespace ActorVoice.Cli.Load;

/// <summary>
/// The sample questions as the clients send them: PCM16 little-endian mono at 24 kHz (the client protocol's format),
/// cut into 20 ms frames of 960 bytes, plus one frame of silence for the pauses (a live microphone never stops).
/// </summary>
public sealed class LoadAudio
{
    public const int SampleRate = 24_000;
    public const int FrameSamples = SampleRate / 50;
    public const int FrameBytes = FrameSamples * 2;
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    private LoadAudio(IReadOnlyList<byte[][]> questions, IReadOnlyList<string?> documents)
    {
        Questions = questions;
        Documents = documents;
        Silence = new byte[FrameBytes];
    }

    /// <summary>Each question's frames (the last one padded with silence).</summary>
    public IReadOnlyList<byte[][]> Questions { get; }

    /// <summary>The document that answers each question (null: not known, e.g. audio given without a manifest).</summary>
    public IReadOnlyList<string?> Documents { get; }

    public byte[] Silence { get; }

    /// <summary>Reads and resamples every WAV file; throws <see cref="FileNotFoundException"/> for a missing one.</summary>
    public static LoadAudio Load(IEnumerable<string> wavPaths)
    {
        ArgumentNullException.ThrowIfNull(wavPaths);
        return Load(wavPaths.Select(path => (path, (string?)null)));
    }

    /// <summary>Reads and resamples every WAV file, each with the document that answers it (null: unknown).</summary>
    public static LoadAudio Load(IEnumerable<(string WavPath, string? Document)> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var list = questions.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("No question audio to send.", nameof(questions));
        }

        return new LoadAudio([.. list.Select(q => Frames(WavFile.LoadMono16(q.WavPath, SampleRate)))], [.. list.Select(q => q.Document)]);
    }

    private static byte[][] Frames(short[] samples)
    {
        var count = (samples.Length + FrameSamples - 1) / FrameSamples;
        var frames = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var frame = new byte[FrameBytes];
            var take = Math.Min(FrameSamples, samples.Length - (i * FrameSamples));
            for (var s = 0; s < take; s++)
            {
                var sample = samples[(i * FrameSamples) + s];
                frame[2 * s] = (byte)sample;
                frame[(2 * s) + 1] = (byte)(sample >> 8);
            }

            frames[i] = frame;
        }

        return frames;
    }
}
