namespace ActorVoice.Audio.Vad;

/// <summary>Speech started (at <see cref="AudioMs"/>, prefix padding included) or stopped (end of the last voiced frame).</summary>
public sealed record VadTransition(VadTransitionKind Kind, long AudioMs);
