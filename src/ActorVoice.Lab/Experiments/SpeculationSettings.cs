namespace ActorVoice.Lab.Experiments;

/// <summary><c>experiment.speculation</c>: when speculative jobs start and how the default reuse judge compares results.</summary>
public sealed record SpeculationSettings(double DebounceMs, int MinWords, int MaxInFlight, int ReuseTopK);
