using ActorVoice.Lab.Runners;

namespace ActorVoice.Lab;

/// <summary>The runner that plays an experiment's turns, and how report.md names it.</summary>
public sealed record LabRunnerChoice(ILabTurnRunner Runner, string Description);
