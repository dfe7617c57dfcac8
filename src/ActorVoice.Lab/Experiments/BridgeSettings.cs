namespace ActorVoice.Lab.Experiments;

/// <summary><c>experiment.bridge</c>: when an acknowledgement is spoken for a late answer, and its timing.</summary>
public sealed record BridgeSettings(double DelayMs, LatencyRange FirstAudioLatency, LatencyRange Duration);
