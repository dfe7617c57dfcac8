using System.CommandLine;
using ActorVoice.Cli.Lab;
using ActorVoice.Cli.Runtime;
using ActorVoice.Lab;
using ActorVoice.Lab.Experiments;

namespace ActorVoice.Cli.Bench;

/// <summary>
/// <c>actorvoice bench latency --experiment FILE [--out DIR] [--json]</c>: runs a latency-lab experiment
/// (hocon/experiments/*.conf) and writes turns.csv, report.md and the plots; <c>--json</c> prints the summary object
/// on stdout (progress and logs go to stderr).
/// </summary>
internal static class BenchLatencyCommand
{
    public static Command Create()
    {
        var config = new ConfigOptions();
        var experiment = new Option<string>("--experiment") { Description = "The experiment (HOCON), e.g. hocon/experiments/seed-scenario.conf.", Required = true };
        var output = new Option<string?>("--out") { Description = "Output folder (default artifacts/lab/NAME)." };
        var json = new Option<bool>("--json") { Description = "Print {\"strategies\": [...]} on stdout." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Live runs: log every state transition to stderr." };
        var command = CliCommand.Create(
            "latency", "Run a latency-lab experiment: per-strategy latency percentiles, hit rate, agreement, plots.", [experiment, output, json, verbose, .. config.All]);
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(experiment)!;
            var asJson = parse.GetValue(json);
            var outDir = parse.GetValue(output);
            try
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var folder = Path.GetFullPath(outDir ?? Path.Combine("artifacts", "lab", name));
                var options = new LiveLabOptions(
                    folder, Path.Combine(folder, "index"), parse.GetValue(config.Config), parse.GetValue(config.Set) ?? [], parse.GetValue(verbose), Console.Error);
                await using var runners = new LabRunnerFactory(options, ct);
                await runners.PrepareAsync(file);
                return await LabCommandCore.RunAsync(file, folder, asJson, Console.Out, runners.Create, ct);
            }
            catch (Exception ex) when (ex is ExperimentConfigException or FileNotFoundException or DirectoryNotFoundException or NotSupportedException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }
        });
        return command;
    }
}
