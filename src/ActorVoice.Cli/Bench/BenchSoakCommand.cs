using System.CommandLine;
using ActorVoice.Cli.Conversation;
using ActorVoice.Cli.Runtime;
using ActorVoice.Cli.Soak;
using ActorVoice.Config;
using ActorVoice.Hosting.Configuration;

namespace ActorVoice.Cli.Bench;

/// <summary>
/// <c>actorvoice bench soak --turns N [--sessions S] [--turns-per-session K] [--sample-every M] [--warmup W] [--out DIR]
/// [--json]</c>: thousands of spoken turns (the sample questions, fast capture and playback) on one host with session
/// churn, sampling managed memory (after a full GC), working set, open handles and threads; prints the table and the
/// growth per 1,000 turns, writes soak.csv and soak.png. Exit code 1 when any turn failed (they are counted, not hidden).
/// </summary>
internal static class BenchSoakCommand
{
    public static Command Create()
    {
        var common = new ConversationOptions();
        var turns = new Option<int>("--turns") { Description = "Spoken turns in all.", Required = true };
        var sessions = new Option<int>("--sessions") { Description = "Concurrent voice sessions (default 1).", DefaultValueFactory = _ => 1 };
        var perSession = new Option<int>("--turns-per-session") { Description = "Close each session and start a new one after this many turns (default 25).", DefaultValueFactory = _ => 25 };
        var sampleEvery = new Option<int?>("--sample-every") { Description = "Sample resources every this many turns (default: turns / 40)." };
        var warmup = new Option<int?>("--warmup") { Description = "Turns left out of the growth fit (default: a tenth of the turns)." };
        var docs = new Option<string>("--docs") { Description = "Documents to index.", DefaultValueFactory = _ => "samples/docs" };
        var questions = new Option<string>("--questions") { Description = "Question manifest (JSON).", DefaultValueFactory = _ => "samples/questions/manifest.json" };
        var output = new Option<string>("--out") { Description = "Output folder (index, soak.csv, soak.png).", DefaultValueFactory = _ => "out/soak" };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object on stdout (samples go to stderr)." };
        var command = CliCommand.Create(
            "soak", "Run thousands of turns with session churn; print memory, handles and threads over time and the growth per 1,000 turns.",
            [turns, sessions, perSession, sampleEvery, warmup, docs, questions, output, json, .. common.All]);
        command.SetAction(async (parse, ct) =>
        {
            var options = SoakOptions.For(parse.GetValue(turns), parse.GetValue(sessions), parse.GetValue(perSession), parse.GetValue(sampleEvery), parse.GetValue(warmup));
            IReadOnlyList<SampleQuestion> list;
            try
            {
                if (options.Problem is { } problem)
                {
                    throw new ArgumentException(problem);
                }

                list = SampleQuestion.Load(parse.GetValue(questions)!);
                if (!Directory.Exists(parse.GetValue(docs)))
                {
                    throw new DirectoryNotFoundException($"Documents folder not found: {parse.GetValue(docs)}");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or InvalidDataException or DirectoryNotFoundException)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }

            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(outDir);
            var questionDir = Path.GetDirectoryName(Path.GetFullPath(parse.GetValue(questions)!))!;
            var asJson = parse.GetValue(json);
            // Fast pace both ways, no answer WAVs on disk: the soak measures the engine, not the clock or the disk.
            var config = common.Load(parse,
                "actorvoice.engine.capture.pace = fast",
                "actorvoice.engine.playback.pace = fast",
                ActorVoiceConfig.Assign("actorvoice.engine.playback.output-dir", string.Empty));
            var progress = Console.Error;
            await progress.WriteLineAsync(SoakReportWriter.Header);
            SoakReport report;
            try
            {
                var runner = new SoakRunner(config, Path.GetFullPath(parse.GetValue(docs)!), Path.Combine(outDir, "index"),
                    list.Select(q => Path.Combine(questionDir, q.File)).ToList(), options, progress);
                report = await runner.RunAsync(ct);
            }
            catch (InvalidSettingException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }

            var csv = Path.Combine(outDir, SoakReportWriter.CsvFile);
            var png = Path.Combine(outDir, SoakReportWriter.PlotFile);
            SoakReportWriter.WriteCsv(report, csv);
            SoakReportWriter.WritePlot(report, png);
            if (asJson)
            {
                Console.WriteLine(SoakReportWriter.Json(report, csv, png));
            }
            else
            {
                Console.WriteLine();
                SoakReportWriter.PrintTable(report, Console.Out);
                Console.WriteLine($"Wrote {csv} and {png}");
            }

            return report.TurnsFailed == 0 ? 0 : 1;
        });
        return command;
    }
}
