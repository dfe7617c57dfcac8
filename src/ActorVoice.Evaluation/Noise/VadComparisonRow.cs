namespace ActorVoice.Evaluation.Noise;

/// <summary>
/// One VAD on one condition (noise kind and SNR; "clean" has none) over all trials: counts of false barge-ins (starts
/// in noise- or echo-only stretches), trials whose turn ended early, was never ended within the wait, or whose speech
/// was never heard, and the turn end's latency after the utterance (median and 90th percentile, silence window included).
/// </summary>
public sealed record VadComparisonRow(
    string Vad,
    string Noise,
    double? SnrDb,
    int Trials,
    int FalseBargeIns,
    int EarlyEnds,
    int MissedEnds,
    int MissedSpeech,
    double? MedianEndLatencyMs,
    double? P90EndLatencyMs);
