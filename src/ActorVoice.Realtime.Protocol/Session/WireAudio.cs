namespace ActorVoice.Realtime.Protocol.Session;

/// <summary>
/// The audio format on the wire between ActorVoice and a realtime endpoint: mono PCM16 at 24 kHz, the format the
/// OpenAI Realtime API uses for <c>audio/pcm</c>. Capture, playback and the local server all work at this rate.
/// </summary>
public static class WireAudio
{
    /// <summary>Samples per second of <c>audio/pcm</c>.</summary>
    public const int SampleRate = 24000;

    /// <summary>Bytes per sample (PCM16).</summary>
    public const int BytesPerSample = 2;

    /// <summary>Samples in <paramref name="duration"/> of wire audio.</summary>
    public static int Samples(TimeSpan duration) => (int)Math.Round(duration.TotalSeconds * SampleRate);

    /// <summary>Milliseconds of wire audio in <paramref name="samples"/> samples.</summary>
    public static double Milliseconds(long samples) => samples * 1000.0 / SampleRate;
}
