using ActorVoice.Engine.Turns;

namespace ActorVoice.Cli.Chaos.Invariants;

/// <summary>
/// A turn's result as the chaos runner received it, with what the script did in it (<paramref name="Kind"/>: see
/// <see cref="TurnKinds"/>) and the length of the answer audio written for it (null: no file).
/// </summary>
public sealed record ObservedTurn(string Kind, TurnResult Result, long? AudioFileMs = null);
