using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;

namespace ActorVoice.Cli.Soak;

/// <summary>
/// A soak report as a table (stdout), soak.csv (one row per sample), soak.png (memory, then handles and threads,
/// against turns; ScottPlot 5 as in the lab's plots) and a JSON object.
/// </summary>
public static class SoakReportWriter
{
    public const string CsvFile = "soak.csv";
    public const string PlotFile = "soak.png";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private const int Width = 900;
    private const int Height = 540;

    public static string Header =>
        $"{"turns",7} {"failed",6} {"elapsed",8} {"managed MiB",11} {"ws MiB",8} {"gc MiB",7} {"handles",7} {"threads",7} {"open",4} {"started",7}";

    public static string Row(SoakSample s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.TurnsDone,7} {s.TurnsFailed,6} {s.Elapsed.TotalSeconds,7:0.0}s {s.ManagedBytes / SoakReport.Mib,11:0.00} {s.WorkingSetBytes / SoakReport.Mib,8:0.0} {s.GcCommittedBytes / SoakReport.Mib,7:0.0} {s.Handles,7} {s.Threads,7} {s.OpenSessions,4} {s.SessionsStarted,7}");

    public static void PrintTable(SoakReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var o = report.Options;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Soak: {report.TurnsDone} turns over {o.Sessions} concurrent sessions, a new session every {o.TurnsPerSession} turns ({report.End.SessionsStarted} sessions), {report.Elapsed.TotalSeconds:0} s"));
        output.WriteLine(Header);
        foreach (var sample in report.Samples)
        {
            output.WriteLine(Row(sample));
        }

        output.WriteLine();
        output.WriteLine("Outcomes: " + (report.Outcomes.Count == 0 ? "none" : string.Join(", ", report.Outcomes.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key} {x.Value}"))));
        output.WriteLine($"Failed turns: {report.TurnsFailed}" +
            (report.Failures.Count == 0 ? string.Empty : " (" + string.Join(", ", report.Failures.Select(x => $"{x.Key}: {x.Value}")) + ")"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Growth per 1,000 turns after {o.WarmupTurns} warm-up turns ({report.FittedSamples.Count} samples): managed {Format(report.ManagedGrowthMibPer1000Turns)} MiB, working set {Format(report.WorkingSetGrowthMibPer1000Turns)} MiB"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Start → end (all sessions closed): managed {report.Start.ManagedBytes / SoakReport.Mib:0.00} → {report.End.ManagedBytes / SoakReport.Mib:0.00} MiB, working set {report.Start.WorkingSetBytes / SoakReport.Mib:0} → {report.End.WorkingSetBytes / SoakReport.Mib:0} MiB, handles {report.Start.Handles} → {report.End.Handles}, threads {report.Start.Threads} → {report.End.Threads}"));
    }

    public static void WriteCsv(SoakReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder("turns,failed,elapsed_s,managed_bytes,working_set_bytes,gc_committed_bytes,handles,threads,open_sessions,sessions_started\n");
        foreach (var s in report.Samples)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{s.TurnsDone},{s.TurnsFailed},{s.Elapsed.TotalSeconds:0.###},{s.ManagedBytes},{s.WorkingSetBytes},{s.GcCommittedBytes},{s.Handles},{s.Threads},{s.OpenSessions},{s.SessionsStarted}\n");
        }

        File.WriteAllText(path, csv.ToString());
    }

    /// <summary>
    /// Two panels, one image: memory on top (managed on the left axis, working set on the right: each on its own scale,
    /// since managed is a few dozen MiB and the working set hundreds), handles and threads below.
    /// </summary>
    public static void WritePlot(SoakReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var samples = report.Samples;
        var turns = samples.Select(s => (double)s.TurnsDone).ToArray();
        var palette = new ScottPlot.Palettes.Category10();

        var memory = new Plot();
        Add(memory.Add.ScatterLine(turns, samples.Select(s => s.ManagedBytes / SoakReport.Mib).ToArray(), palette.GetColor(0)), "managed after full GC (MiB, left)");
        var workingSet = memory.Add.ScatterLine(turns, samples.Select(s => s.WorkingSetBytes / SoakReport.Mib).ToArray(), palette.GetColor(1));
        workingSet.Axes.YAxis = memory.Axes.Right;
        Add(workingSet, "working set (MiB, right)");
        memory.Title(string.Create(CultureInfo.InvariantCulture,
            $"{report.TurnsDone} turns, {report.Options.Sessions} sessions; per 1,000 turns: managed {Format(report.ManagedGrowthMibPer1000Turns)} MiB, working set {Format(report.WorkingSetGrowthMibPer1000Turns)} MiB"));
        memory.YLabel("managed MiB");
        memory.Axes.Right.Label.Text = "working set MiB";
        memory.Axes.SetLimitsY(0, samples.Max(s => s.ManagedBytes / SoakReport.Mib) * 1.2);
        memory.Axes.SetLimitsY(0, samples.Max(s => s.WorkingSetBytes / SoakReport.Mib) * 1.2, memory.Axes.Right);
        memory.ShowLegend(Alignment.LowerRight);

        var counts = new Plot();
        Add(counts.Add.ScatterLine(turns, samples.Select(s => (double)s.Handles).ToArray(), palette.GetColor(2)), "open handles");
        Add(counts.Add.ScatterLine(turns, samples.Select(s => (double)s.Threads).ToArray(), palette.GetColor(3)), "threads");
        counts.XLabel("turns done");
        counts.YLabel("count");
        counts.Axes.SetLimitsY(0, samples.Max(s => Math.Max(s.Handles, s.Threads)) * 1.2);
        counts.ShowLegend(Alignment.LowerRight);

        // Each panel is rendered on its own surface (a plot clears the canvas it renders on), then stacked.
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(Width, 2 * Height));
        surface.Canvas.Clear(SkiaSharp.SKColors.White);
        using (var top = Panel(memory))
        using (var bottom = Panel(counts))
        {
            surface.Canvas.DrawImage(top, 0, 0);
            surface.Canvas.DrawImage(bottom, 0, Height);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);

        static SkiaSharp.SKImage Panel(Plot plot)
        {
            using var panel = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(Width, Height));
            plot.Render(panel);
            return panel.Snapshot();
        }

        static void Add(ScottPlot.Plottables.Scatter line, string label)
        {
            line.LegendText = label;
            line.LineWidth = 2;
            line.MarkerSize = 4;
        }
    }

    public static string Json(SoakReport report, string csvPath, string plotPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(new
        {
            turns = report.TurnsDone,
            failed = report.TurnsFailed,
            sessions = report.Options.Sessions,
            turnsPerSession = report.Options.TurnsPerSession,
            sessionsStarted = report.End.SessionsStarted,
            warmupTurns = report.Options.WarmupTurns,
            elapsedSeconds = Math.Round(report.Elapsed.TotalSeconds, 1),
            outcomes = report.Outcomes,
            failures = report.Failures,
            managedGrowthMibPer1000Turns = report.ManagedGrowthMibPer1000Turns,
            workingSetGrowthMibPer1000Turns = report.WorkingSetGrowthMibPer1000Turns,
            start = Sample(report.Start),
            end = Sample(report.End),
            samples = report.Samples.Select(Sample),
            csv = csvPath,
            plot = plotPath,
        }, Indented);

        static object Sample(SoakSample s) => new
        {
            turns = s.TurnsDone,
            failed = s.TurnsFailed,
            elapsedSeconds = Math.Round(s.Elapsed.TotalSeconds, 2),
            managedBytes = s.ManagedBytes,
            workingSetBytes = s.WorkingSetBytes,
            gcCommittedBytes = s.GcCommittedBytes,
            handles = s.Handles,
            threads = s.Threads,
            openSessions = s.OpenSessions,
            sessionsStarted = s.SessionsStarted,
        };
    }

    private static string Format(double? mib) => mib is { } v ? v.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "n/a";
}
