namespace ActorVoice.Lab.Experiments;

/// <summary><c>experiment.vad</c>: silence after speech before the engine's own VAD and the service's VAD end the turn.</summary>
public sealed record VadSettings(double LocalSilenceMs, double ServiceSilenceMs);
