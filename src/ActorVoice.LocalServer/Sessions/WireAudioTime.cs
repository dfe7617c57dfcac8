using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>Time and slicing of the server's internal audio (PCM16 at <see cref="WireAudio.SampleRate"/>).</summary>
internal static class WireAudioTime
{
    /// <summary>20 ms: the slice the VAD and the recognizer are fed, and the smallest synthesized chunk.</summary>
    public static readonly int SliceSamples = WireAudio.Samples(TimeSpan.FromMilliseconds(20));

    /// <summary>Samples in <paramref name="milliseconds"/> (rounded down).</summary>
    public static long Samples(long milliseconds) => milliseconds * WireAudio.SampleRate / 1000;

    /// <summary>Whole milliseconds in <paramref name="samples"/> (rounded down).</summary>
    public static long WholeMilliseconds(long samples) => samples * 1000 / WireAudio.SampleRate;

    /// <summary><paramref name="samples"/> in consecutive pieces of <paramref name="size"/> (the last may be shorter).</summary>
    public static IEnumerable<ReadOnlyMemory<short>> Slices(short[] samples, int size)
    {
        for (var offset = 0; offset < samples.Length; offset += size)
        {
            yield return samples.AsMemory(offset, Math.Min(size, samples.Length - offset));
        }
    }
}
