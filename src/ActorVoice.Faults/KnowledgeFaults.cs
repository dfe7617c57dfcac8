using ActorVoice.Config;

namespace ActorVoice.Faults;

/// <summary>Faults around the knowledge source (<c>actorvoice.faults.knowledge</c>).</summary>
public sealed record KnowledgeFaults
{
    [SettingRange(0, 1)]
    public required double FailureRate { get; init; }

    [SettingRange(0, 1)]
    public required double TimeoutRate { get; init; }

    [SettingRange(0, 1)]
    public required double SpikeRate { get; init; }

    public required TimeSpan Spike { get; init; }

    /// <summary>True when any knowledge fault is configured.</summary>
    public bool Any => FailureRate > 0 || TimeoutRate > 0 || (SpikeRate > 0 && Spike > TimeSpan.Zero);
}
