using ScottPlot;

namespace ActorVoice.Lab.Reporting;

/// <summary>
/// The lab's PNG plots, drawn with ScottPlot 5 (SkiaSharp, headless): the CDF of voice-to-voice latency per strategy,
/// the per-stage breakdown of answer latency (stacked medians per strategy), and hit rate against agreement.
/// </summary>
public static class LabPlots
{
    public const string CdfFile = "v2v-cdf.png";
    public const string StagesFile = "stage-breakdown.png";
    public const string HitAgreementFile = "hit-vs-agreement.png";

    private const int Width = 900;
    private const int Height = 540;

    // A CDF of thousands of turns needs no more points than the image has pixels across.
    private const int MaxCdfPoints = 600;

    public static void WriteVoiceToVoiceCdf(IReadOnlyList<(string Strategy, IReadOnlyList<double> Values)> voiceToVoiceMsByStrategy, string path)
    {
        ArgumentNullException.ThrowIfNull(voiceToVoiceMsByStrategy);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var (strategy, values) in voiceToVoiceMsByStrategy)
        {
            var sorted = values.Order().ToArray();
            if (sorted.Length == 0)
            {
                continue;
            }

            var step = Math.Max(1, sorted.Length / MaxCdfPoints);
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < sorted.Length; i += step)
            {
                xs.Add(sorted[i] / 1000.0);
                ys.Add((i + 1.0) / sorted.Length);
            }

            xs.Add(sorted[^1] / 1000.0);
            ys.Add(1.0);
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), palette.GetColor(index++));
            line.LegendText = strategy;
            line.LineWidth = 2;
        }

        plot.Title("Voice-to-voice latency (end of speech → first audio)");
        plot.XLabel("seconds");
        plot.YLabel("share of turns");
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }

    public static void WriteStageBreakdown(IReadOnlyList<StrategySummary> summaries, string path)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        string[] stageNames = ["recognition (→ final transcript)", "RAG added", "response (→ answer audio)"];
        for (var i = 0; i < summaries.Count; i++)
        {
            double[] stages = [summaries[i].Stages.RecognitionMs, summaries[i].Stages.RagAddedMs, summaries[i].Stages.ResponseMs];
            var bottom = 0.0;
            for (var stage = 0; stage < stages.Length; stage++)
            {
                var height = double.IsFinite(stages[stage]) ? stages[stage] / 1000.0 : 0;
                plot.Add.Bar(new Bar { Position = i, ValueBase = bottom, Value = bottom + height, FillColor = palette.GetColor(stage) });
                bottom += height;
            }
        }

        for (var stage = 0; stage < stageNames.Length; stage++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = stageNames[stage], FillColor = palette.GetColor(stage) });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, summaries.Count).Select(i => (double)i).ToArray(),
            summaries.Select(summary => summary.Name).ToArray());
        plot.Title("Answer latency by stage (median of each stage)");
        plot.YLabel("seconds after end of speech");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    public static void WriteHitRateVersusAgreement(IReadOnlyList<StrategySummary> summaries, string path)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var lowestAgreement = 1.0;
        for (var i = 0; i < summaries.Count; i++)
        {
            var summary = summaries[i];
            var marker = plot.Add.Marker(summary.HitRate, summary.Agreement, MarkerShape.FilledCircle, 12, palette.GetColor(i));
            marker.LegendText = summary.Name;
            lowestAgreement = Math.Min(lowestAgreement, summary.Agreement);
        }

        plot.Title("Hit rate vs agreement with a fresh query");
        plot.XLabel("hit rate (speculative result used)");
        plot.YLabel("agreement (all turns)");
        plot.Axes.SetLimits(-0.05, 1.05, Math.Max(0, lowestAgreement - 0.1), 1.02);
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, Width, Height);
    }
}
