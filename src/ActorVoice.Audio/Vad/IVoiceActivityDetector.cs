namespace ActorVoice.Audio.Vad;

/// <summary>
/// A voice activity detector over one stream of mono PCM16: it reports where speech starts (prefix padding included)
/// and where it stops, in milliseconds of the stream's audio. <see cref="EnergyVad"/> and <see cref="SileroVad"/> share
/// this contract, so the engine's capture stream and the local server pick one by configuration.
/// Not thread-safe: one per stream. A detector holding native resources (Silero) is also <see cref="IDisposable"/>;
/// whoever creates one disposes it when the stream ends.
/// </summary>
public interface IVoiceActivityDetector
{
    int SampleRate { get; }

    /// <summary>Timing (prefix padding, silence window, minimum speech); a session.update may change it between frames.</summary>
    VadParameters Parameters { get; set; }

    bool InSpeech { get; }

    /// <summary>Feeds audio of any length; returns the transitions found in it, in order.</summary>
    IReadOnlyList<VadTransition> Process(ReadOnlySpan<short> samples);

    /// <summary>Forgets any speech in progress (e.g. after input_audio_buffer.clear).</summary>
    void Reset();
}
