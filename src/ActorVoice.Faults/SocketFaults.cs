using ActorVoice.Config;

namespace ActorVoice.Faults;

/// <summary>Faults between the engine and its realtime WebSocket (<c>actorvoice.faults.socket</c>).</summary>
public sealed record SocketFaults
{
    public required TimeSpan Latency { get; init; }

    public required TimeSpan Jitter { get; init; }

    [SettingRange(0)]
    public required int DisconnectAfterEvents { get; init; }

    [SettingRange(0, 1)]
    public required double DisconnectMidResponse { get; init; }

    [SettingRange(0, 1)]
    public required double DuplicateRate { get; init; }

    [SettingRange(0, 1)]
    public required double ReorderRate { get; init; }

    [SettingRange(0, 1)]
    public required double DropRate { get; init; }

    [SettingRange(0, 1)]
    public required double ErrorRate { get; init; }

    public required TimeSpan SlowConsumer { get; init; }

    /// <summary>True when any socket fault is configured.</summary>
    public bool Any => Latency > TimeSpan.Zero || Jitter > TimeSpan.Zero || DisconnectAfterEvents > 0 || DisconnectMidResponse > 0
        || DuplicateRate > 0 || ReorderRate > 0 || DropRate > 0 || ErrorRate > 0 || SlowConsumer > TimeSpan.Zero;
}
