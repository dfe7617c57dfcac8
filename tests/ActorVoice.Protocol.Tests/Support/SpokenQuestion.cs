using ActorVoice.Audio.Files;
using ActorVoice.Audio.Pcm;

namespace ActorVoice.Protocol.Tests.Support;

/// <summary>A sample spoken question as the Realtime API wants it: PCM16 mono 24 kHz, split into append-sized chunks.</summary>
public static class SpokenQuestion
{
    public const int Rate = 24000;

    /// <summary>The question's samples at 24 kHz followed by <paramref name="trailingSilenceMs"/> of silence (so server VAD ends the turn).</summary>
    public static short[] Load(string file = "q01.wav", int trailingSilenceMs = 1500)
    {
        var speech = WavFile.LoadMono16(RepoPaths.Question(file), Rate);
        var samples = new short[speech.Length + (Rate * trailingSilenceMs / 1000)];
        speech.CopyTo(samples, 0);
        return samples;
    }

    /// <summary>Base64 PCM16 chunks of <paramref name="chunkMs"/> each.</summary>
    public static IEnumerable<string> Base64Chunks(short[] samples, int chunkMs = 100)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var size = Rate * chunkMs / 1000;
        for (var offset = 0; offset < samples.Length; offset += size)
        {
            yield return Pcm16.ToBase64(samples.AsSpan(offset, Math.Min(size, samples.Length - offset)));
        }
    }
}
