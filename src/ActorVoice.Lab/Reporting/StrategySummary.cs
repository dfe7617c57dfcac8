using ActorVoice.Lab.Timeline;

namespace ActorVoice.Lab.Reporting;

/// <summary>
/// One strategy's figures over an experiment's turns. <see cref="Agreement"/> is over all turns (a turn answered by a
/// fresh query on the final text agrees by definition); <see cref="ReuseAgreement"/> is over hits only (null without
/// hits). <see cref="WastedJobs"/> is the total over all turns.
/// </summary>
public sealed record StrategySummary(
    string Name,
    int Turns,
    LatencyPercentiles VoiceToVoice,
    LatencyPercentiles AnswerAudio,
    LatencyPercentiles RagAdded,
    double HitRate,
    double Agreement,
    double? ReuseAgreement,
    int WastedJobs,
    StageMedians Stages)
{
    public static StrategySummary Of(string name, IReadOnlyList<LabTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var count = turns.Count;
        var hits = turns.Where(turn => turn.Hit).ToArray();
        return new StrategySummary(
            name,
            count,
            Percentiles.Of(turns.Select(turn => turn.VoiceToVoiceMs)),
            Percentiles.Of(turns.Select(turn => turn.AnswerLatencyMs)),
            Percentiles.Of(turns.Select(turn => turn.RagAddedMs)),
            count == 0 ? 0 : (double)hits.Length / count,
            count == 0 ? 0 : (double)turns.Count(turn => turn.Agreement) / count,
            hits.Length == 0 ? null : (double)hits.Count(turn => turn.Agreement) / hits.Length,
            turns.Sum(turn => turn.WastedJobs),
            new StageMedians(
                Median(turns.Select(turn => Math.Max(0, turn.FinalTranscriptMs))),
                Median(turns.Select(turn => turn.RagAddedMs)),
                Median(turns.Select(turn => Math.Max(0, turn.AnswerAudioMs - Math.Max(0, turn.FinalTranscriptMs) - turn.RagAddedMs)))));
    }

    private static double Median(IEnumerable<double> values) => Percentiles.Of(values).P50;
}
