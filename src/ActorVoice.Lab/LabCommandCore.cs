using System.Globalization;
using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Reporting;
using ActorVoice.Lab.Runners;
using ActorVoice.Lab.Scripts;
using ActorVoice.Evaluation.Noise;

namespace ActorVoice.Lab;

/// <summary>
/// The body of <c>actorvoice bench latency --experiment FILE [--out DIR] [--json]</c>: reads the experiment, draws its
/// turn scripts, plays them with a runner, writes turns.csv, report.md and the plots into the output folder, and prints
/// either a short table or (with json) the <see cref="LabJsonSummary"/> object on one line.
/// Errors are exceptions: <see cref="ExperimentConfigException"/> (names the key), <see cref="FileNotFoundException"/>,
/// and <see cref="NotSupportedException"/> for a live experiment without an engine-driven runner.
/// </summary>
public static class LabCommandCore
{
    public const string AnalyticRunnerDescription =
        "the analytic model (AnalyticTurnRunner: closed-form timings per strategy over the seeded scripts; " +
        "not the engine-driven simulation of TurnActor and SpeculatorActor)";

    /// <summary>Runs with the analytic model (simulated experiments only).</summary>
    public static Task<int> RunAsync(string experimentFile, string? outDir, bool json, TextWriter stdout, CancellationToken cancellationToken) =>
        RunAsync(experimentFile, outDir, json, stdout, runnerFactory: null, cancellationToken);

    /// <param name="experimentFile">The HOCON experiment.</param>
    /// <param name="outDir">Output folder; default artifacts/lab/NAME under the working directory.</param>
    /// <param name="json">Print the JSON summary instead of the table.</param>
    /// <param name="stdout">Where to print.</param>
    /// <param name="runnerFactory">Chooses the runner (e.g. the engine under TestScheduler, or live); null: the analytic model.</param>
    /// <param name="cancellationToken">Stops between turns.</param>
    public static async Task<int> RunAsync(
        string experimentFile,
        string? outDir,
        bool json,
        TextWriter stdout,
        Func<LabRunnerContext, LabRunnerChoice>? runnerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var settings = ExperimentSettingsReader.ReadFile(experimentFile);
        if (settings.Mode == ExperimentMode.Live && runnerFactory is null)
        {
            throw new NotSupportedException(
                $"{settings.Name}: live experiments need the engine-driven runner; the lab alone runs simulated experiments with the analytic model.");
        }

        var questions = QuestionSetLoader.Load(settings.Questions, experimentFile);
        var dictionary = SoundAlikeDictionary.Load(LabPaths.Resolve(settings.Recognizer.SoundAlikeDictionary, experimentFile));
        var scripts = new TurnScriptGenerator(settings, questions, dictionary).Generate();
        var (retrieve, index) = LabCorpus.Bm25(LabCorpus.Load(settings.Questions, experimentFile));
        using (index)
        {
            var retriever = new CachedRetriever(retrieve);
            var context = new LabRunnerContext(settings, experimentFile, retriever.Retrieve, new TopDocumentsReuseJudge(retriever.Retrieve, settings.Speculation.ReuseTopK));
            var choice = runnerFactory?.Invoke(context)
                ?? new LabRunnerChoice(new AnalyticTurnRunner(settings.Speculation, settings.Bridge, context.Judge, context.Retriever), AnalyticRunnerDescription);
            var folder = outDir ?? Path.Combine("artifacts", "lab", settings.Name);
            try
            {
                var result = await new ExperimentRunner(choice.Runner, choice.Description)
                    .RunAsync(settings, scripts, folder, cancellationToken)
                    .ConfigureAwait(false);
                await PrintAsync(result, json, stdout).ConfigureAwait(false);
            }
            finally
            {
                // A runner may own an actor system (the simulated engine runner): stop it with the run.
                (choice.Runner as IDisposable)?.Dispose();
            }
        }

        return 0;
    }

    private static async Task PrintAsync(ExperimentResult result, bool json, TextWriter stdout)
    {
        if (json)
        {
            await stdout.WriteLineAsync(result.JsonSummary.ToJson()).ConfigureAwait(false);
            return;
        }

        await stdout.WriteLineAsync($"{result.Settings.Name}: {result.Settings.Turns} turns per strategy").ConfigureAwait(false);
        await stdout.WriteLineAsync("strategy                          v2v p50   answer p50   hit    agreement").ConfigureAwait(false);
        foreach (var s in result.Summaries)
        {
            await stdout.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{s.Name,-32} {s.VoiceToVoice.P50,7:0} ms {s.AnswerAudio.P50,7:0} ms {s.HitRate,6:P0} {s.Agreement,8:P1}")).ConfigureAwait(false);
        }

        await stdout.WriteLineAsync($"report: {result.Files.Report}").ConfigureAwait(false);
    }
}
