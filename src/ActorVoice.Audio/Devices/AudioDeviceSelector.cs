using System.Globalization;
using System.Text;

namespace ActorVoice.Audio.Devices;

/// <summary>
/// Picks the device for <c>--input-device</c>/<c>--output-device</c>: an index, an exact name, or a unique part of a
/// name (case-insensitive); without a choice the library's default, else the first device that can. Every failure says
/// what exists.
/// </summary>
public static class AudioDeviceSelector
{
    public static AudioDevice Select(IReadOnlyList<AudioDevice> devices, AudioDirection direction, string? choice)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var usable = devices.Where(d => direction == AudioDirection.Input ? d.CanCapture : d.CanPlay).ToList();
        var kind = direction == AudioDirection.Input ? "input" : "output";
        if (usable.Count == 0)
        {
            throw new AudioDeviceException($"No audio {kind} device exists. {Listing(devices)}");
        }

        if (string.IsNullOrWhiteSpace(choice))
        {
            return usable.FirstOrDefault(d => direction == AudioDirection.Input ? d.IsDefaultInput : d.IsDefaultOutput) ?? usable[0];
        }

        choice = choice.Trim();
        if (int.TryParse(choice, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            var byIndex = devices.FirstOrDefault(d => d.Index == index)
                ?? throw new AudioDeviceException($"No audio device has index {index}. {Listing(devices)}");
            return usable.Contains(byIndex)
                ? byIndex
                : throw new AudioDeviceException($"Device {index} \"{byIndex.Name}\" has no {kind} channels. {Listing(devices)}");
        }

        var exact = usable.Where(d => string.Equals(d.Name, choice, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count >= 1)
        {
            return exact[0];
        }

        var partial = usable.Where(d => d.Name.Contains(choice, StringComparison.OrdinalIgnoreCase)).ToList();
        return partial.Count switch
        {
            1 => partial[0],
            0 => throw new AudioDeviceException($"No audio {kind} device is named \"{choice}\". {Listing(devices)}"),
            _ => throw new AudioDeviceException(
                $"\"{choice}\" matches several {kind} devices ({string.Join(", ", partial.Select(d => $"{d.Index} \"{d.Name}\""))}); give the index or the full name."),
        };
    }

    /// <summary>"Devices found: ..." with one line per device, or "No devices found." when the list is empty.</summary>
    public static string Listing(IReadOnlyList<AudioDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (devices.Count == 0)
        {
            return "No audio devices were found at all.";
        }

        var text = new StringBuilder("Devices found:");
        foreach (var device in devices)
        {
            text.AppendLine().Append(device);
        }

        return text.ToString();
    }
}
