using System.Text;
using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Reporting;
using ActorVoice.Lab.Runners;
using ActorVoice.Lab.Scripts;
using ActorVoice.Lab.Timeline;

namespace ActorVoice.Lab;

/// <summary>
/// Plays every script under every strategy with an <see cref="ILabTurnRunner"/> (strategies in the experiment's order,
/// turns in script order, one at a time so the order never depends on scheduling) and writes the outputs: the raw
/// CSV, report.md and the PNG plots.
/// </summary>
public sealed class ExperimentRunner
{
    public const string CsvFileName = "turns.csv";

    private readonly ILabTurnRunner _runner;
    private readonly string _runnerDescription;

    /// <param name="runner">Plays one turn.</param>
    /// <param name="runnerDescription">What produced the turns, for report.md (e.g. the analytic model, the engine under TestScheduler).</param>
    public ExperimentRunner(ILabTurnRunner runner, string runnerDescription)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentException.ThrowIfNullOrWhiteSpace(runnerDescription);
        _runner = runner;
        _runnerDescription = runnerDescription;
    }

    public async Task<ExperimentResult> RunAsync(ExperimentSettings settings, IReadOnlyList<TurnScript> scripts, string outputFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        var turns = new List<LabTurn>(scripts.Count * settings.Strategies.Count);
        var summaries = new List<StrategySummary>();
        foreach (var strategy in settings.Strategies)
        {
            var strategyTurns = new List<LabTurn>(scripts.Count);
            foreach (var script in scripts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                strategyTurns.Add(await _runner.RunAsync(script, strategy, cancellationToken).ConfigureAwait(false));
            }

            turns.AddRange(strategyTurns);
            summaries.Add(StrategySummary.Of(strategy.Name, strategyTurns));
        }

        var files = WriteOutputs(settings, turns, summaries, outputFolder);
        return new ExperimentResult(settings, turns, summaries, files);
    }

    private LabOutputFiles WriteOutputs(ExperimentSettings settings, List<LabTurn> turns, List<StrategySummary> summaries, string outputFolder)
    {
        var folder = Path.GetFullPath(outputFolder);
        Directory.CreateDirectory(folder);
        var files = new LabOutputFiles(
            Path.Combine(folder, CsvFileName),
            Path.Combine(folder, LabReportWriter.FileName),
            Path.Combine(folder, LabPlots.CdfFile),
            Path.Combine(folder, LabPlots.StagesFile),
            Path.Combine(folder, LabPlots.HitAgreementFile));
        LabCsvWriter.Write(turns, files.Csv);
        File.WriteAllText(files.Report, LabReportWriter.Render(settings, summaries, _runnerDescription, CsvFileName), new UTF8Encoding(false));
        var voiceToVoice = summaries
            .Select(summary => (summary.Name, (IReadOnlyList<double>)turns.Where(turn => turn.Strategy == summary.Name).Select(turn => turn.VoiceToVoiceMs).ToArray()))
            .ToArray();
        LabPlots.WriteVoiceToVoiceCdf(voiceToVoice, files.CdfPlot);
        LabPlots.WriteStageBreakdown(summaries, files.StagePlot);
        LabPlots.WriteHitRateVersusAgreement(summaries, files.HitAgreementPlot);
        return files;
    }
}
