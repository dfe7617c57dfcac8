using ActorVoice.Config;

namespace ActorVoice.Faults;

/// <summary>Faults on the playback device (<c>actorvoice.faults.playback</c>).</summary>
public sealed record PlaybackFaults
{
    [SettingRange(0, 1)]
    public required double UnderrunRate { get; init; }

    public required TimeSpan Underrun { get; init; }

    [SettingRange(0, 1)]
    public required double DeviceErrorRate { get; init; }

    /// <summary>True when any playback fault is configured.</summary>
    public bool Any => (UnderrunRate > 0 && Underrun > TimeSpan.Zero) || DeviceErrorRate > 0;
}
