using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns;
using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Scripts;
using ActorVoice.Lab.Timeline;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// The lab's simulated mode: the real <see cref="TurnActor"/> and <see cref="SpeculatorActor"/> of the engine, set up
/// per strategy (<see cref="StrategyName.EngineOverrides"/> over the reference settings), driven by a scripted realtime peer, a
/// scripted playback and a knowledge source with seeded latencies, all on virtual time (a
/// <see cref="VirtualTimeScheduler"/>; the actors run one at a time on the caller's thread through an
/// <see cref="ActorPump"/>). Each turn gets fresh actors, stopped when it ends; the same scripts give the same rows.
/// Not thread-safe: one turn at a time (as <see cref="ExperimentRunner"/> plays them).
/// </summary>
public sealed class SimulatedEngineRunner : ILabTurnRunner, IDisposable
{
    public const string Description =
        "the engine under virtual time (SimulatedEngineRunner: the real TurnActor and SpeculatorActor per strategy, a scripted " +
        "realtime peer and playback, a knowledge source over the lab's BM25 index with the scripts' seeded latencies)";

    /// <summary>The longest a turn may run in virtual time before the simulation gives up.</summary>
    private static readonly TimeSpan TurnLimit = TimeSpan.FromMinutes(10);

    private readonly SimulationDriver _driver;
    private readonly SimulatedKnowledgeSource _source;
    private readonly Func<string, IReadOnlyList<string>> _retriever;
    private readonly IReadOnlyList<string> _engineOverrides;
    private readonly Dictionary<string, (EngineSettings Settings, string? BridgeText)> _settings = new(StringComparer.Ordinal);
    private readonly IActorRef _host;
    private readonly SimulationHost.HostStatus _hostStatus = new();

    /// <param name="context">The experiment and the lab's retriever.</param>
    /// <param name="engineOverrides">HOCON assignments applied to the engine's settings under every strategy (e.g. <c>actorvoice.engine.turn.local-recognizer = on</c>).</param>
    public SimulatedEngineRunner(LabRunnerContext context, IReadOnlyList<string>? engineOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _retriever = context.Retriever;
        _engineOverrides = engineOverrides ?? [];
        var texts = LabCorpus.Load(context.Settings.Questions, context.ExperimentFile)
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal);
        var topK = EngineSettings.Reference.Retrieval.TopK;
        var ledger = new JobLedger();
        _driver = new SimulationDriver("lab-sim", ledger);
        _host = _driver.System.ActorOf(SimulationHost.Props(_hostStatus), "simulation");
        _driver.SettleUntil(() => _hostStatus.Ready);
        _source = new SimulatedKnowledgeSource(_driver.Clock, ledger, text => Passages(text, texts, topK), context.Settings.Seed, context.Settings.Knowledge.Latency);
    }

    /// <summary>For <c>LabCommandCore.RunAsync(..., runnerFactory, ...)</c>: the simulated engine.</summary>
    public static LabRunnerChoice Factory(LabRunnerContext context) => new(new SimulatedEngineRunner(context), Description);

    /// <summary>Turn actors alive (0 between turns: every turn's actors are stopped).</summary>
    public int LiveActors => _hostStatus.Children;

    /// <summary>Queries that reached the source later than the real-time bound (0 in a healthy run).</summary>
    public int LateArrivals => _driver.LateArrivals;

    public Task<LabTurn> RunAsync(TurnScript script, StrategyName strategy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Run(script, strategy));
    }

    /// <summary>Plays <paramref name="script"/> under <paramref name="strategy"/> to its end and reads its row.</summary>
    public LabTurn Run(TurnScript script, StrategyName strategy)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(strategy);
        var (settings, bridgeText) = SettingsFor(strategy);
        _driver.Ledger.Reset();
        _source.BeginTurn(script);
        var turn = new SimulatedTurn(script, _driver.Clock.Now, bridgeText);
        try
        {
            _host.Tell(new SimulationHost.StartTurn(turn, settings, _source, _driver.Ledger, $"{strategy.Name}-{script.Turn}", new LabCorpusReuseJudge(_retriever, settings.Speculation.Judge)));
            _driver.RunUntil(() => turn.Result is not null, turn.SpeechStart + TurnLimit, () => Describe(turn));
        }
        finally
        {
            _host.Tell(SimulationHost.EndTurn.Instance);
            _driver.Settle();
            _driver.Clock.Clear();
        }

        return SimulatedTurnReader.Read(turn, _driver.Ledger.Jobs, strategy.Name, _retriever);
    }

    public void Dispose()
    {
        _driver.Dispose();
        _source.Dispose();
    }

    private (EngineSettings Settings, string? BridgeText) SettingsFor(StrategyName strategy)
    {
        if (!_settings.TryGetValue(strategy.Name, out var entry))
        {
            var overrides = string.Join('\n', strategy.EngineOverrides.Concat(_engineOverrides));
            var root = ConfigurationFactory.ParseString(overrides).WithFallback(EngineSettings.DefaultConfig());
            var bridgeText = root.HasPath("actorvoice.engine.answer.bridge-text") ? root.GetString("actorvoice.engine.answer.bridge-text") : null;
            entry = (EngineSettings.Create(root), bridgeText);
            _settings[strategy.Name] = entry;
        }

        return entry;
    }

    private KnowledgePassage[] Passages(string text, Dictionary<string, string> texts, int topK) =>
        _retriever(text).Take(topK)
            .Select((id, rank) => new KnowledgePassage(id, rank, string.Empty, texts.GetValueOrDefault(id, string.Empty), 1.0 / (rank + 1)))
            .ToArray();

    private string Describe(SimulatedTurn turn) =>
        string.Create(CultureInfo.InvariantCulture, $"turn {turn.Script.Turn}: {turn.PartialsAt.Count} partials given, {turn.Responses.Count} responses, {_driver.Ledger.Jobs.Count} jobs, all queries settled: {_driver.Ledger.AllQueriesSettled()}, pending items {_driver.Clock.Pending}, live actors {_hostStatus.Children}, pump {_driver.Diagnostics}");

}
