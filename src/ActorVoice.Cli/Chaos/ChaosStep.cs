using ActorVoice.Cli.Chaos.Invariants;

namespace ActorVoice.Cli.Chaos;

/// <summary>One step of the chaos script.</summary>
/// <param name="Label">The turn's label.</param>
/// <param name="Kind">A <see cref="TurnKinds"/> value: question, barge-in or noise.</param>
/// <param name="QuestionWav">The spoken question.</param>
/// <param name="OverWav">For a barge-in or noise step, what is played over the answer; null otherwise.</param>
/// <param name="AfterMs">How long after the answer starts playing <paramref name="OverWav"/> starts.</param>
public sealed record ChaosStep(string Label, string Kind, string QuestionWav, string? OverWav = null, int AfterMs = 0);
