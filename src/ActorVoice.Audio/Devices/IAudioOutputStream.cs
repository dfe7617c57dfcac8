namespace ActorVoice.Audio.Devices;

/// <summary>A running playback stream. One thread writes it; disposing it stops and closes the device.</summary>
public interface IAudioOutputStream : IDisposable
{
    /// <summary>The rate the samples play at.</summary>
    int SampleRate { get; }

    /// <summary>Times the device ran dry before more audio was written.</summary>
    long Underflows { get; }

    /// <summary>Blocks until <paramref name="samples"/> (mono PCM16) is queued in the device's buffer.</summary>
    /// <exception cref="AudioDeviceException">The device failed.</exception>
    void Write(ReadOnlySpan<short> samples);
}
