using System.Text.Json;
using ActorVoice.Cli.Runtime;
using ActorVoice.Cli.Soak;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.EndToEnd;

/// <summary>
/// The soak bench (<c>actorvoice bench soak</c>) with a handful of turns: real engine, embedded local server, session
/// churn; the report holds every sample, outcome and figure the command prints and writes.
/// </summary>
[Trait("Category", "EndToEnd")]
[Trait("Category", "Slow")]
public sealed class SoakBenchTests
{
    [Fact]
    public async Task A_short_soak_should_report_every_turn_the_churned_sessions_and_resources_from_start_to_end()
    {
        var folder = RepoPaths.TempFolder("soak");
        var config = CliConfig.Load(null,
        [
            "actorvoice.engine.capture.pace = fast",
            "actorvoice.engine.playback.pace = fast",
            "actorvoice.engine.playback.output-dir = \"\"",
            // A loaded test machine may decode slowly; the figure under test is the report, not the recognizer's speed.
            "actorvoice.engine.turn.transcript-timeout = 60s",
        ]);
        var options = SoakOptions.For(turns: 6, sessions: 2, turnsPerSession: 2, sampleEvery: 2, warmupTurns: 0);
        var progress = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var report = await new SoakRunner(config, EngineServerFixture.SampleDocs, Path.Combine(folder, "index"),
            [RepoPaths.Question("q01.wav"), RepoPaths.Question("q10.wav")], options, progress).RunAsync(timeout.Token);

        Assert.Equal(6, report.TurnsDone);
        Assert.Equal(0, report.TurnsFailed);
        Assert.Equal(6, report.Outcomes.Values.Sum());
        Assert.Empty(report.Failures);
        // A start sample, one every 2 turns, and one after every session closed.
        Assert.Equal(0, report.Start.TurnsDone);
        Assert.Equal(5, report.Samples.Count);
        Assert.Equal(0, report.End.OpenSessions);
        Assert.InRange(report.End.SessionsStarted, 3, 6);
        Assert.All(report.Samples, s => Assert.True(s.ManagedBytes > 0 && s.GcCommittedBytes >= s.ManagedBytes && s.WorkingSetBytes > s.ManagedBytes && s.Handles > 0 && s.Threads > 0));
        Assert.NotNull(report.ManagedGrowthMibPer1000Turns);
        Assert.NotNull(report.WorkingSetGrowthMibPer1000Turns);
        Assert.Equal(report.Samples.Count, progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var csv = Path.Combine(folder, SoakReportWriter.CsvFile);
        var png = Path.Combine(folder, SoakReportWriter.PlotFile);
        SoakReportWriter.WriteCsv(report, csv);
        SoakReportWriter.WritePlot(report, png);
        Assert.Equal(report.Samples.Count + 1, File.ReadAllLines(csv).Length);
        Assert.True(new FileInfo(png).Length > 10_000, "the plot is drawn");
        using var json = JsonDocument.Parse(SoakReportWriter.Json(report, csv, png));
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("turns").GetInt32());
        Assert.Equal(0, root.GetProperty("failed").GetInt32());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("managedGrowthMibPer1000Turns").ValueKind);
        Assert.Equal(report.Samples.Count, root.GetProperty("samples").GetArrayLength());
        foreach (var field in new[] { "managedBytes", "workingSetBytes", "gcCommittedBytes", "handles", "threads", "openSessions" })
        {
            Assert.True(root.GetProperty("end").GetProperty(field).GetInt64() >= 0, field);
        }
    }

    [Fact]
    public void The_growth_should_be_the_least_squares_slope_after_warm_up_without_the_closing_sample()
    {
        const long Mib = 1024 * 1024;
        // Warm-up jumps by 50 MiB, then 2 MiB per 1,000 turns with noise; the closing sample drops (sessions closed).
        long[] managed = [10 * Mib, 60 * Mib, 60 * Mib + (2 * Mib) + 1000, 60 * Mib + (4 * Mib) - 1000, 60 * Mib + (6 * Mib), 20 * Mib];
        int[] turns = [0, 1000, 2000, 3000, 4000, 4000];
        var samples = turns.Select((t, i) => new SoakSample(t, 0, TimeSpan.FromSeconds(t), managed[i], 2 * managed[i], managed[i], 100, 20, i == 5 ? 0 : 2, 1)).ToList();

        var report = new SoakReport(SoakOptions.For(4000, warmupTurns: 1000), samples, new Dictionary<string, int>(), new Dictionary<string, int>(), TimeSpan.FromSeconds(4000));

        Assert.Equal(4, report.FittedSamples.Count);
        Assert.Equal(2.0, report.ManagedGrowthMibPer1000Turns!.Value, precision: 3);
        Assert.Equal(4.0, report.WorkingSetGrowthMibPer1000Turns!.Value, precision: 3);
    }

    [Fact]
    public void Options_that_cannot_run_should_be_named_as_on_the_command_line()
    {
        Assert.Null(SoakOptions.For(100).Problem);
        Assert.Equal("--turns must be at least 1", SoakOptions.For(0).Problem);
        Assert.Equal("--sessions must be at least 1", SoakOptions.For(10, sessions: 0).Problem);
        Assert.Equal("--warmup must be at least 0 and less than --turns", SoakOptions.For(10, warmupTurns: 10).Problem);
        Assert.Equal(25, SoakOptions.For(1000).SampleEvery);
        Assert.Equal(100, SoakOptions.For(1000).WarmupTurns);
    }
}
