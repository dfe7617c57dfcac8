using System.CommandLine;
using ActorVoice.Cli.Conversation;
using ActorVoice.Cli.Load;
using ActorVoice.Cli.Runtime;
using ActorVoice.Config;

namespace ActorVoice.Cli.Bench;

/// <summary>
/// <c>actorvoice bench load --sessions N --duration S [--ramp S] [--warmup S] [--json]</c>: starts the serve host in process on
/// loopback, connects N simulated clients that stream the sample questions in real time and read everything sent back,
/// and prints p50/p99 of audio-frame handling, ping round trips, CPU, memory per session, turns and errors.
/// </summary>
internal static class BenchLoadCommand
{
    public static Command Create()
    {
        var config = new ConfigOptions();
        var sessions = new Option<int>("--sessions") { Description = "Simulated clients (concurrent sessions).", Required = true };
        var duration = new Option<double>("--duration") { Description = "Seconds the run lasts, ramp included.", Required = true };
        var ramp = new Option<double?>("--ramp") { Description = "Seconds over which the clients connect (default: a fifth of the duration, at most 20)." };
        var warmUp = new Option<double>("--warmup") { Description = "Seconds one client talks before the memory baseline is taken (default 5; 0: none).", DefaultValueFactory = _ => 5 };
        var docs = new Option<string>("--docs") { Description = "Documents to index.", DefaultValueFactory = _ => "samples/docs" };
        var questions = new Option<string>("--questions") { Description = "Question manifest (JSON); its WAV files are what the clients say.", DefaultValueFactory = _ => "samples/questions/manifest.json" };
        var output = new Option<string>("--out") { Description = "Output folder (the index).", DefaultValueFactory = _ => "out/load" };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object on stdout (progress goes to stderr)." };
        var command = CliCommand.Create(
            "load", "Run N simulated clients against the serve host in process; print frame-handling p50/p99, CPU and memory per session.",
            [sessions, duration, ramp, warmUp, docs, questions, output, json, .. config.All]);
        command.SetAction(async (parse, ct) =>
        {
            var total = TimeSpan.FromSeconds(parse.GetValue(duration));
            var options = new LoadOptions(
                parse.GetValue(sessions), total, parse.GetValue(ramp) is { } r ? TimeSpan.FromSeconds(r) : TimeSpan.FromSeconds(Math.Min(20, total.TotalSeconds / 5)))
            {
                WarmUp = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(warmUp))),
            };
            LoadAudio audio;
            try
            {
                if (options.Problem is { } problem)
                {
                    throw new ArgumentException(problem);
                }

                var manifest = parse.GetValue(questions)!;
                var folder = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
                audio = LoadAudio.Load(SampleQuestion.Load(manifest).Select(q => (Path.Combine(folder, q.File), (string?)q.Document)));
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

            var index = Path.Combine(Path.GetFullPath(parse.GetValue(output)!), "index");
            LoadReport report;
            try
            {
                var composed = config.Load(parse, [], []);
                var runner = new LoadRunner(options, audio, Console.Error);
                report = await runner.RunAsync(
                    token => StartAsync(composed, Path.GetFullPath(parse.GetValue(docs)!), index, options.Sessions, token),
                    result =>
                    {
                        // Printed before the host stops: its shutdown may log and take a while.
                        if (parse.GetValue(json))
                        {
                            Console.WriteLine(LoadReportWriter.Json(result));
                        }
                        else
                        {
                            Console.WriteLine();
                            LoadReportWriter.PrintTable(result, Console.Out);
                        }

                        Console.Out.Flush();
                        return Task.CompletedTask;
                    },
                    ct);
            }
            catch (InvalidSettingException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                await Console.Error.WriteLineAsync("error: the load run failed: " + ex);
                return 1;
            }

            return report.ClientFailures == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<ILoadTarget> StartAsync(Akka.Configuration.Config config, string docs, string index, int sessions, CancellationToken ct) =>
        await ServeLoadTarget.StartAsync(config, docs, index, sessions, Console.Error, ct);
}
