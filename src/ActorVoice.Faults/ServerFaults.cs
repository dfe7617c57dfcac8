using ActorVoice.Config;

namespace ActorVoice.Faults;

/// <summary>Faults inside the local realtime server (<c>actorvoice.faults.server</c>).</summary>
public sealed record ServerFaults
{
    [SettingRange(0, 1)]
    public required double StallRate { get; init; }

    public required TimeSpan Stall { get; init; }

    [SettingRange(0, 1)]
    public required double CutResponseRate { get; init; }

    [SettingRange(0, 1)]
    public required double GarbageFrameRate { get; init; }

    /// <summary>True when any server fault is configured.</summary>
    public bool Any => (StallRate > 0 && Stall > TimeSpan.Zero) || CutResponseRate > 0 || GarbageFrameRate > 0;
}
