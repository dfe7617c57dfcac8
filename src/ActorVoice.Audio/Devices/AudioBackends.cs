using ActorVoice.Audio.Devices.PortAudio;
using ActorVoice.Audio.Devices.WinMm;

namespace ActorVoice.Audio.Devices;

/// <summary>The audio library of this platform: WinMM (NAudio) on Windows, PortAudio elsewhere.</summary>
public static class AudioBackends
{
    /// <exception cref="AudioDeviceException">The platform's audio library is missing or does not start.</exception>
    public static IAudioBackend Open() =>
        OperatingSystem.IsWindows() ? WinMmBackend.Open() : PortAudioBackend.Open();
}
