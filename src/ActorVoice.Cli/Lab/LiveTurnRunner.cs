using System.Globalization;
using Akka.Actor;
using ActorVoice.Cli.Runtime;
using ActorVoice.Hosting.Configuration;
using ActorVoice.Lab;
using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Runners;
using ActorVoice.Lab.Scripts;
using ActorVoice.Lab.Timeline;

namespace ActorVoice.Cli.Lab;

/// <summary>
/// The live latency lab: each turn's recording (<see cref="TurnScript.AudioFile"/>) is spoken in real time through a
/// real <see cref="AssistantRuntime"/> on the local realtime server, one host per strategy (its <c>--set</c>
/// overrides from <see cref="StrategyName.EngineOverrides"/>), turns in order; the knowledge source is the one the
/// <see cref="LiveKnowledge"/> chose. Dispose it after the experiment to stop the last host.
/// </summary>
public sealed class LiveTurnRunner : ILabTurnRunner, IAsyncDisposable
{
    private readonly LabRunnerContext _context;
    private readonly LiveLabOptions _options;
    private readonly LiveKnowledge _knowledge;
    private readonly string _docs;
    private AssistantRuntime? _runtime;
    private IActorRef? _collector;
    private string? _strategy;

    public LiveTurnRunner(LabRunnerContext context, LiveLabOptions options, LiveKnowledge knowledge)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(knowledge);
        _context = context;
        _options = options;
        _knowledge = knowledge;
        _docs = LabPaths.Resolve(context.Settings.Questions.SamplesDocs, context.ExperimentFile);
    }

    /// <summary>How report.md names this runner.</summary>
    public string Description =>
        $"live (the local realtime server in process, each question's recording spoken in real time, one host per strategy; knowledge: {_knowledge.Description})";

    public async Task<LabTurn> RunAsync(TurnScript script, StrategyName strategy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(strategy);
        if (script.AudioFile is null)
        {
            throw new InvalidOperationException($"{script.QuestionId}: a live turn needs a recording; use question sets with audio (samples).");
        }

        if (_runtime is null || _strategy != strategy.Name)
        {
            await StopAsync();
            await StartAsync(strategy, cancellationToken);
        }

        var runtime = _runtime!;
        _options.Progress?.WriteLine($"[{strategy.Name}] turn {script.Turn}: {script.QuestionId} \"{script.Question}\"");
        var result = await runtime.AskAsync(script.AudioFile, $"{strategy.Name}-{script.Turn}", cancellationToken);
        var collected = await _collector!.Ask<LabTurnCollector.CollectedTurn>(new LabTurnCollector.GetTurn(result.TurnNumber), TimeSpan.FromSeconds(10), cancellationToken);
        if (result.Error is { } error)
        {
            _options.Progress?.WriteLine($"  error: {error}");
        }

        return LabTurnConverter.Convert(script, strategy, result, collected, _context.Retriever);
    }

    /// <summary>The HOCON lines of a strategy (the contract in HELPERS6.md / docs/latency.md).</summary>
    private async Task StartAsync(StrategyName strategy, CancellationToken cancellationToken)
    {
        var outDir = Path.Combine(_options.OutputFolder, "live", strategy.Name);
        var config = CliConfig.Load(_options.ConfigFile, [
            ActorVoiceConfig.Assign("actorvoice.engine.playback.output-dir", Path.Combine(outDir, "audio")),
            "actorvoice.engine.capture.pace = realtime",
            "actorvoice.engine.playback.pace = fast",
            .. strategy.EngineOverrides,
            .. _knowledge.Overrides,
            .. _options.Overrides,
        ]);
        _options.Progress?.WriteLine($"Starting a host for strategy {strategy.Name} ...");
        IActorRef? collector = null;
        _runtime = await AssistantRuntime.StartAsync(
            config,
            _docs,
            _options.IndexFolder,
            system => collector = system.ActorOf(LabTurnCollector.Props(), "lab-collector"),
            _options.Verbose,
            cancellationToken,
            Path.Combine(outDir, "trace-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".jsonl"));
        _collector = collector;
        _strategy = strategy.Name;
    }

    private async Task StopAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
            _runtime = null;
            _collector = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
