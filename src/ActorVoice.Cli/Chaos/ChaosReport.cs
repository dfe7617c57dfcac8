using ActorVoice.Cli.Chaos.Invariants;

namespace ActorVoice.Cli.Chaos;

/// <summary>What a chaos run reports: the invariants, the turns, the injected faults by edge/kind, the reconnect times.</summary>
public sealed record ChaosReport(
    string Plan,
    int Seed,
    IReadOnlyList<InvariantResult> Invariants,
    IReadOnlyList<ChaosTurnRow> Turns,
    IReadOnlyDictionary<string, long> Faults,
    IReadOnlyList<double> ReconnectsMs,
    int FalseInterruptionsResumed)
{
    public bool AllHeld => Invariants.All(i => i.Held);
}
