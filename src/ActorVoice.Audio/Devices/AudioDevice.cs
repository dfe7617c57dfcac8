using System.Globalization;

namespace ActorVoice.Audio.Devices;

/// <summary>One audio device as the platform's audio library lists it.</summary>
/// <param name="Index">The library's device index (what <c>--input-device N</c> selects).</param>
/// <param name="Name">The device's name (what <c>--input-device NAME</c> matches).</param>
/// <param name="HostApi">The host API the device belongs to (ALSA, PulseAudio, Core Audio, MME, ...).</param>
/// <param name="InputChannels">Maximum capture channels; 0 for an output-only device.</param>
/// <param name="OutputChannels">Maximum playback channels; 0 for an input-only device.</param>
/// <param name="DefaultSampleRate">The rate the device runs at natively; capture and playback use it.</param>
/// <param name="IsDefaultInput">The system's default microphone.</param>
/// <param name="IsDefaultOutput">The system's default speaker.</param>
public sealed record AudioDevice(
    int Index,
    string Name,
    string HostApi,
    int InputChannels,
    int OutputChannels,
    double DefaultSampleRate,
    bool IsDefaultInput = false,
    bool IsDefaultOutput = false)
{
    public bool CanCapture => InputChannels > 0;

    public bool CanPlay => OutputChannels > 0;

    /// <summary>One line of a device listing: index, name, host API, channels in/out, rate, defaults.</summary>
    public override string ToString()
    {
        var defaults = (IsDefaultInput, IsDefaultOutput) switch
        {
            (true, true) => " [default input, default output]",
            (true, false) => " [default input]",
            (false, true) => " [default output]",
            _ => string.Empty,
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Index,3}  {Name} ({HostApi}) in {InputChannels}, out {OutputChannels}, {DefaultSampleRate:0} Hz{defaults}");
    }
}
