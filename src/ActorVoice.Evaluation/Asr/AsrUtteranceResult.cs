using ActorVoice.Evaluation.WordErrors;

namespace ActorVoice.Evaluation.Asr;

/// <summary>Outcome of decoding one <see cref="AsrSample"/>.</summary>
public sealed record AsrUtteranceResult(
    AsrSample Sample,
    string Hypothesis,
    WordErrorCount Errors,
    TimeSpan AudioDuration,
    TimeSpan DecodeTime,
    int PartialHypothesisCount,
    TimeSpan? FirstPartialAt)
{
    /// <summary>Decode time / audio time.</summary>
    public double RealTimeFactor => AudioDuration > TimeSpan.Zero ? DecodeTime / AudioDuration : 0;
}
