using ActorVoice.Config;

namespace ActorVoice.Faults;

/// <summary>Faults on the capture stream (<c>actorvoice.faults.capture</c>).</summary>
public sealed record CaptureFaults
{
    public required TimeSpan DeviceLostAfter { get; init; }

    [SettingRange(0, 1)]
    public required double GapRate { get; init; }

    public required TimeSpan Gap { get; init; }

    [SettingRange(0, 1)]
    public required double CorruptFrameRate { get; init; }

    [SettingRange(0, 1)]
    public required double NoiseBurstRate { get; init; }

    public required TimeSpan NoiseBurst { get; init; }

    [SettingRange(-120, 0)]
    public required double NoiseBurstDbfs { get; init; }

    /// <summary>True when any capture fault is configured.</summary>
    public bool Any => DeviceLostAfter > TimeSpan.Zero || (GapRate > 0 && Gap > TimeSpan.Zero) || CorruptFrameRate > 0
        || (NoiseBurstRate > 0 && NoiseBurst > TimeSpan.Zero);
}
