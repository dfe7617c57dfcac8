using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorVoice.Audio.Files;

namespace ActorVoice.Audio.Capture;

/// <summary>Akka.Streams sources of mono PCM16 frames: the capture side of the audio path.</summary>
public static class AudioSources
{
    /// <summary>
    /// Frames of <paramref name="frame"/> length cut from <paramref name="samples"/>, followed by
    /// <paramref name="trailingSilence"/> of zeros. When <paramref name="paced"/>, one frame is emitted per
    /// frame duration, as a microphone would; otherwise as fast as downstream pulls.
    /// </summary>
    public static Source<short[], NotUsed> FromSamples(short[] samples, int sampleRate, TimeSpan frame, TimeSpan trailingSilence, bool paced)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var frameSamples = Math.Max(1, (int)(sampleRate * frame.TotalSeconds));
        var silenceFrames = (int)Math.Ceiling(trailingSilence.TotalSeconds * sampleRate / frameSamples);
        var source = Source.From(Frames(samples, frameSamples, silenceFrames));
        return paced ? source.Throttle(1, frame, 1, ThrottleMode.Shaping) : source;
    }

    /// <summary>A WAV file of any PCM/float layout and rate, resampled to <paramref name="sampleRate"/>, as frames.</summary>
    public static Source<short[], NotUsed> FromWavFile(string path, int sampleRate, TimeSpan frame, TimeSpan trailingSilence, bool paced) =>
        FromSamples(WavFile.LoadMono16(path, sampleRate), sampleRate, frame, trailingSilence, paced);

    private static IEnumerable<short[]> Frames(short[] samples, int frameSamples, int silenceFrames)
    {
        for (var offset = 0; offset < samples.Length; offset += frameSamples)
        {
            var frame = new short[frameSamples];
            Array.Copy(samples, offset, frame, 0, Math.Min(frameSamples, samples.Length - offset));
            yield return frame;
        }

        for (var i = 0; i < silenceFrames; i++)
        {
            yield return new short[frameSamples];
        }
    }
}
