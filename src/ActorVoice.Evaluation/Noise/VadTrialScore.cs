namespace ActorVoice.Evaluation.Noise;

/// <summary>
/// How one VAD did on one trial (noise, then an utterance, then noise): speech starts reported in noise-only
/// stretches, whether the turn ended while the user still spoke, was never heard, or never ended within the allowed
/// wait, and how long after the utterance's end the turn end was reported.
/// </summary>
public sealed record VadTrialScore(int FalseBargeIns, bool EarlyEnd, bool MissedEnd, bool MissedSpeech, long? EndLatencyMs);
