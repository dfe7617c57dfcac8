using System.Runtime.InteropServices;

namespace ActorVoice.Audio.Devices.PortAudio;

/// <summary>
/// PortAudio (Linux, macOS): <c>Pa_Initialize</c> on creation, <c>Pa_Terminate</c> once the backend is disposed
/// <em>and</em> its last stream is closed (a stream's owner, such as a cancelled Akka stream, may close it after the
/// backend's owner let go; terminating under it would pull PortAudio away from an open stream). PortAudio reference
/// counts initialisation, so backends may overlap. Opening, closing and enumerating are serialised on
/// <see cref="Gate"/> (PortAudio is not thread-safe there); blocking reads and writes run freely, one thread per stream.
/// The device list is read at creation, as PortAudio enumerates then.
/// </summary>
public sealed class PortAudioBackend : IAudioBackend
{
    private readonly IReadOnlyList<AudioDevice> _devices;
    private int _disposed;
    private int _openStreams;

    private PortAudioBackend(string name, IReadOnlyList<AudioDevice> devices)
    {
        Name = name;
        _devices = devices;
    }

    public string Name { get; }

    /// <summary>Serialises every PortAudio call but stream reads and writes.</summary>
    internal static Lock Gate { get; } = new();

    /// <summary>Loads the library and initialises PortAudio.</summary>
    /// <exception cref="AudioDeviceException">The library is missing or does not initialise.</exception>
    public static PortAudioBackend Open()
    {
        PortAudioLibrary.EnsureLoaded();
        NativeMessages.Silence();
        lock (Gate)
        {
            return Initialize();
        }
    }

    private static PortAudioBackend Initialize()
    {
        var error = PortAudioNative.Pa_Initialize();
        if (error != PortAudioNative.NoError)
        {
            throw new AudioDeviceException("PortAudio did not initialise: " + PortAudioNative.ErrorText(error));
        }

        try
        {
            // "PortAudio V19.6.0-devel, revision 396fe4b..." → "PortAudio V19.6.0-devel".
            var version = (Marshal.PtrToStringUTF8(PortAudioNative.Pa_GetVersionText()) ?? "PortAudio").Split(',')[0];
            return new PortAudioBackend(version, ReadDevices());
        }
        catch
        {
            _ = PortAudioNative.Pa_Terminate();
            throw;
        }
    }

    public IReadOnlyList<AudioDevice> Devices() => _devices;

    public IAudioInputStream OpenInput(AudioDevice device, int sampleRate, int framesPerBuffer)
    {
        ArgumentNullException.ThrowIfNull(device);
        Acquire();
        try
        {
            return PortAudioInputStream.Open(device, sampleRate, framesPerBuffer, Release);
        }
        catch
        {
            Release();
            throw;
        }
    }

    public IAudioOutputStream OpenOutput(AudioDevice device, int sampleRate, int framesPerBuffer)
    {
        ArgumentNullException.ThrowIfNull(device);
        Acquire();
        try
        {
            return PortAudioOutputStream.Open(device, sampleRate, framesPerBuffer, Release);
        }
        catch
        {
            Release();
            throw;
        }
    }

    public void Dispose()
    {
        lock (Gate)
        {
            if (_disposed == 0)
            {
                _disposed = 1;
                TerminateWhenUnused();
            }
        }
    }

    private void Acquire()
    {
        lock (Gate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            _openStreams++;
        }
    }

    /// <summary>A stream of this backend closed (called under <see cref="Gate"/>).</summary>
    private void Release()
    {
        lock (Gate)
        {
            _openStreams--;
            TerminateWhenUnused();
        }
    }

    private void TerminateWhenUnused()
    {
        if (_disposed == 1 && _openStreams == 0)
        {
            _disposed = 2;
            _ = PortAudioNative.Pa_Terminate();
        }
    }

    private static List<AudioDevice> ReadDevices()
    {
        var count = PortAudioNative.Pa_GetDeviceCount();
        if (count < 0)
        {
            throw new AudioDeviceException("PortAudio could not list devices: " + PortAudioNative.ErrorText(count));
        }

        var defaultInput = PortAudioNative.Pa_GetDefaultInputDevice();
        var defaultOutput = PortAudioNative.Pa_GetDefaultOutputDevice();
        var devices = new List<AudioDevice>(count);
        for (var index = 0; index < count; index++)
        {
            var infoPointer = PortAudioNative.Pa_GetDeviceInfo(index);
            if (infoPointer == IntPtr.Zero)
            {
                continue;
            }

            var info = Marshal.PtrToStructure<PortAudioNative.DeviceInfo>(infoPointer);
            var hostPointer = PortAudioNative.Pa_GetHostApiInfo(info.HostApi);
            var host = hostPointer == IntPtr.Zero
                ? "unknown"
                : Marshal.PtrToStringUTF8(Marshal.PtrToStructure<PortAudioNative.HostApiInfo>(hostPointer).Name) ?? "unknown";
            devices.Add(new AudioDevice(
                index,
                Marshal.PtrToStringUTF8(info.Name) ?? $"device {index}",
                host,
                info.MaxInputChannels,
                info.MaxOutputChannels,
                info.DefaultSampleRate,
                index == defaultInput,
                index == defaultOutput));
        }

        return devices;
    }
}
