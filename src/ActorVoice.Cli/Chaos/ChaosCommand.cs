using System.CommandLine;
using ActorVoice.Cli.Runtime;
using ActorVoice.Config;
using ActorVoice.Faults;

namespace ActorVoice.Cli.Chaos;

/// <summary>
/// <c>actorvoice chaos --plan FILE [--turns N] [--seed S] [--json]</c>: a scripted conversation against the embedded
/// local server with the plan's faults injected everywhere, then the invariant table (docs/faults.md). Exit code 0
/// when every invariant held, 1 when one failed, 2 for bad input (a missing or invalid plan: the error names the key).
/// </summary>
internal static class ChaosCommand
{
    public static Command Create()
    {
        var config = new ConfigOptions();
        var plan = new Option<string>("--plan") { Description = "The fault plan (HOCON, see hocon/faults/ and hocon/reference/faults.conf); required."};
        var turns = new Option<int>("--turns") { Description = "Script steps: plain questions, a barge-in, a cough over an answer, in turn.", DefaultValueFactory = _ => 6 };
        var seed = new Option<int?>("--seed") { Description = "Seed of every random draw (default: the plan's)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table." };
        var docs = new Option<string>("--docs") { Description = "Documents to index.", DefaultValueFactory = _ => "samples/docs" };
        var questions = new Option<string>("--questions") { Description = "Folder of the sample question WAVs.", DefaultValueFactory = _ => "samples/questions" };
        var output = new Option<string>("--out") { Description = "Output folder (index, answer audio, the noise burst).", DefaultValueFactory = _ => "out/chaos" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every state transition to stderr." };
        var command = CliCommand.Create(
            "chaos", "Run a scripted conversation under a fault plan and check the invariants.",
            [plan, turns, seed, json, docs, questions, output, verbose, .. config.All]);
        command.SetAction(async (parse, ct) =>
        {
            var planFile = parse.GetValue(plan);
            if (string.IsNullOrWhiteSpace(planFile))
            {
                await Console.Error.WriteLineAsync("chaos: --plan FILE is required (see hocon/faults/).");
                return 2;
            }

            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            ChaosOptions options;
            try
            {
                var loaded = FaultPlan.Load(planFile);
                if (parse.GetValue(turns) is var n && n < 1)
                {
                    throw new ArgumentException($"--turns must be at least 1 (got {n}).");
                }

                var docsDir = parse.GetValue(docs)!;
                var questionDir = parse.GetValue(questions)!;
                if (!Directory.Exists(docsDir) || !Directory.Exists(questionDir))
                {
                    throw new DirectoryNotFoundException($"The documents ({docsDir}) and the question WAVs ({questionDir}) must exist; run from the repository or pass --docs and --questions.");
                }

                options = new ChaosOptions
                {
                    Plan = parse.GetValue(seed) is { } s ? loaded.WithSeed(s) : loaded,
                    Turns = n,
                    Config = ChaosConfig.Compose(parse.GetValue(config.Config), planFile, parse.GetValue(config.Set) ?? [], outDir),
                    DocsFolder = docsDir,
                    QuestionFolder = questionDir,
                    IndexFolder = Path.Combine(outDir, "index"),
                    OutputFolder = Path.Combine(outDir, "run-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)),
                    Verbose = parse.GetValue(verbose),
                };
            }
            catch (Exception ex) when (ex is InvalidSettingException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or Akka.Configuration.ConfigurationException)
            {
                await Console.Error.WriteLineAsync("chaos: " + ex.Message);
                return 2;
            }

            var report = await ChaosRunner.RunAsync(options, ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(ChaosReportWriter.ToJson(report));
            }
            else
            {
                ChaosReportWriter.WriteTable(Console.Out, report);
            }

            return report.AllHeld ? 0 : 1;
        });
        return command;
    }
}
