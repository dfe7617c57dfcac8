using ActorVoice.Evaluation.WordErrors;

namespace ActorVoice.Evaluation.Asr;

/// <summary>Per-utterance results and totals of one <see cref="AsrBenchmark"/> run.</summary>
public sealed record AsrBenchmarkResult(IReadOnlyList<AsrUtteranceResult> Utterances)
{
    public WordErrorCount TotalErrors => Utterances.Aggregate(WordErrorCount.Zero, (sum, u) => sum + u.Errors);

    /// <summary>Corpus WER: all errors over all reference words.</summary>
    public double WordErrorRate => TotalErrors.Rate;

    public TimeSpan AudioDuration => TimeSpan.FromTicks(Utterances.Sum(u => u.AudioDuration.Ticks));

    public TimeSpan DecodeTime => TimeSpan.FromTicks(Utterances.Sum(u => u.DecodeTime.Ticks));

    public double RealTimeFactor => AudioDuration > TimeSpan.Zero ? DecodeTime / AudioDuration : 0;

    public int PartialHypothesisCount => Utterances.Sum(u => u.PartialHypothesisCount);

    /// <summary>Utterances whose hypothesis matched the reference word for word.</summary>
    public int ExactMatches => Utterances.Count(u => u.Errors.Errors == 0);
}
