namespace ActorVoice.Audio.Devices;

/// <summary>
/// The platform's audio library: lists devices and opens blocking mono PCM16 streams on them (PortAudio on Linux
/// and macOS, WinMM on Windows). Streams must be disposed before the backend.
/// </summary>
public interface IAudioBackend : IDisposable
{
    /// <summary>A short name for messages ("PortAudio V19.6.0-devel", "WinMM").</summary>
    string Name { get; }

    /// <summary>Every device, inputs and outputs, in the library's index order.</summary>
    IReadOnlyList<AudioDevice> Devices();

    /// <summary>Opens and starts capture on <paramref name="device"/> at <paramref name="sampleRate"/>, mono.</summary>
    /// <exception cref="AudioDeviceException">The device refused the stream.</exception>
    IAudioInputStream OpenInput(AudioDevice device, int sampleRate, int framesPerBuffer);

    /// <summary>Opens and starts playback on <paramref name="device"/> at <paramref name="sampleRate"/>, mono.</summary>
    /// <exception cref="AudioDeviceException">The device refused the stream.</exception>
    IAudioOutputStream OpenOutput(AudioDevice device, int sampleRate, int framesPerBuffer);
}
