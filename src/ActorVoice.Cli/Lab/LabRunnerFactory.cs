using ActorVoice.Cli.Runtime;
using ActorVoice.Lab;
using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Runners.Simulated;
using ActorVoice.Lab.Scripts;

namespace ActorVoice.Cli.Lab;

/// <summary>
/// Chooses the runner of <c>bench latency</c>: simulated experiments → the engine-driven simulated runner
/// (<see cref="SimulatedEngineRunner"/>: the real turn and speculator actors on virtual time); live experiments →
/// <see cref="LiveTurnRunner"/> with the experiment's knowledge source. Disposing stops what a live run started.
/// </summary>
public sealed class LabRunnerFactory(LiveLabOptions options, CancellationToken cancellationToken) : IAsyncDisposable
{
    private LiveTurnRunner? _live;
    private LiveKnowledge? _knowledge;

    /// <summary>The live runner needs its knowledge source started first: call this before <see cref="Create"/>.</summary>
    public async Task PrepareAsync(string experimentFile)
    {
        var settings = ExperimentSettingsReader.ReadFile(experimentFile);
        if (settings.Mode == ExperimentMode.Live)
        {
            var docs = LabPaths.Resolve(settings.Questions.SamplesDocs, experimentFile);
            _knowledge = await LiveKnowledge.StartAsync(settings.Knowledge, CliConfig.Load(options.ConfigFile, options.Overrides), options.IndexFolder, docs, cancellationToken);
        }
    }

    public LabRunnerChoice Create(LabRunnerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Settings.Mode == ExperimentMode.Live)
        {
            _live = new LiveTurnRunner(context, options, _knowledge ?? throw new InvalidOperationException("PrepareAsync was not called for a live experiment."));
            return new LabRunnerChoice(_live, _live.Description);
        }

        return SimulatedRunner(context);
    }

    /// <summary>Simulated experiments run the real turn and speculator actors on virtual time, with the user's <c>--set</c> lines.</summary>
    private LabRunnerChoice SimulatedRunner(LabRunnerContext context) =>
        new(new SimulatedEngineRunner(context, options.Overrides), SimulatedEngineRunner.Description);

    public async ValueTask DisposeAsync()
    {
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }

        if (_knowledge is not null)
        {
            await _knowledge.DisposeAsync();
        }
    }
}
