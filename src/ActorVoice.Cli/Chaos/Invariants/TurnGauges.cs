using ActorVoice.Engine.Telemetry;

namespace ActorVoice.Cli.Chaos.Invariants;

/// <summary>The live-resource gauges once turn <paramref name="TurnNumber"/> had ended and its jobs had had time to stop.</summary>
public sealed record TurnGauges(int TurnNumber, LiveResourceSnapshot Gauges);
