using ActorVoice.Audio.Vad;

namespace ActorVoice.Evaluation.Noise;

/// <summary>A VAD transition as the bench saw it: its kind, the audio position it names, and when it was reported (ms of audio fed so far).</summary>
public sealed record DetectedTransition(VadTransitionKind Kind, long AudioMs, long EmittedMs);
