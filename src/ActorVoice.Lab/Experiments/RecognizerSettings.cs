namespace ActorVoice.Lab.Experiments;

/// <summary><c>experiment.recognizer</c>: partial cadence, word error rates, and commit → final transcript latency.</summary>
public sealed record RecognizerSettings(
    LatencyRange PartialInterval,
    double PartialWordErrorRate,
    double FinalWordErrorRate,
    LatencyRange FinalLatency,
    string SoundAlikeDictionary);
