using System.Runtime.Versioning;
using NAudio.Wave;

namespace ActorVoice.Audio.Devices.WinMm;

/// <summary>
/// WinMM through NAudio (Windows): <c>WaveIn</c> for capture, <c>WaveOut</c> for playback. WinMM numbers
/// input and output devices separately; the list numbers inputs first, then outputs, so one index names one device.
/// WinMM reports no native rate: 48 kHz is asked for, which the Windows mixer converts as needed.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WinMmBackend : IAudioBackend
{
    private const double Rate = 48000;
    private readonly List<AudioDevice> _devices;
    private readonly int _inputCount;

    private WinMmBackend(List<AudioDevice> devices, int inputCount)
    {
        _devices = devices;
        _inputCount = inputCount;
    }

    public string Name => "WinMM (NAudio)";

    public static WinMmBackend Open()
    {
        var devices = new List<AudioDevice>();
        var inputs = WaveIn.DeviceCount;
        for (var i = 0; i < inputs; i++)
        {
            var caps = WaveIn.GetCapabilities(i);
            devices.Add(new AudioDevice(devices.Count, caps.ProductName, "MME", caps.Channels, 0, Rate, IsDefaultInput: i == 0));
        }

        var outputs = WaveOut.DeviceCount;
        for (var i = 0; i < outputs; i++)
        {
            var caps = WaveOut.GetCapabilities(i);
            devices.Add(new AudioDevice(devices.Count, caps.ProductName, "MME", 0, caps.Channels, Rate, IsDefaultOutput: i == 0));
        }

        return new WinMmBackend(devices, inputs);
    }

    public IReadOnlyList<AudioDevice> Devices() => _devices;

    public IAudioInputStream OpenInput(AudioDevice device, int sampleRate, int framesPerBuffer)
    {
        ArgumentNullException.ThrowIfNull(device);
        return WinMmInputStream.Open(device, device.Index, sampleRate, framesPerBuffer);
    }

    public IAudioOutputStream OpenOutput(AudioDevice device, int sampleRate, int framesPerBuffer)
    {
        ArgumentNullException.ThrowIfNull(device);
        return WinMmOutputStream.Open(device, device.Index - _inputCount, sampleRate, framesPerBuffer);
    }

    public void Dispose()
    {
    }
}
