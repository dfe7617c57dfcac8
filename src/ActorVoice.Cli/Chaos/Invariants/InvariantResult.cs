namespace ActorVoice.Cli.Chaos.Invariants;

/// <summary>One invariant after a run: its name, whether it held, and what was found (numbers when it held, the violations when not).</summary>
public sealed record InvariantResult(string Name, bool Held, string Detail);
