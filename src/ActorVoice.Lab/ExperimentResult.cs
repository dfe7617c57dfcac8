using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Reporting;
using ActorVoice.Lab.Timeline;

namespace ActorVoice.Lab;

/// <summary>An experiment's turns (strategy by strategy, turn by turn), its per-strategy summaries, and the files written.</summary>
public sealed record ExperimentResult(
    ExperimentSettings Settings,
    IReadOnlyList<LabTurn> Turns,
    IReadOnlyList<StrategySummary> Summaries,
    LabOutputFiles Files)
{
    public LabJsonSummary JsonSummary => LabJsonSummary.Of(Summaries);
}
