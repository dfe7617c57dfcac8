namespace ActorVoice.Audio.Devices;

/// <summary>A running capture stream. One thread reads it; disposing it stops and closes the device.</summary>
public interface IAudioInputStream : IDisposable
{
    /// <summary>The rate the samples come at.</summary>
    int SampleRate { get; }

    /// <summary>Times the device had more audio than was read in time (samples were lost).</summary>
    long Overflows { get; }

    /// <summary>Blocks until <paramref name="samples"/> is full of mono PCM16 audio.</summary>
    /// <exception cref="AudioDeviceException">The device failed (unplugged, stopped by the system).</exception>
    void Read(Span<short> samples);
}
