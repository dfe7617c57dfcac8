using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Scripts;
using ActorVoice.Lab.Timeline;

namespace ActorVoice.Lab.Runners;

/// <summary>
/// Plays one scripted turn under one strategy and reports its timeline. The engine-driven runners (TurnActor and
/// SpeculatorActor under Akka's TestScheduler; live runs) implement this; <see cref="AnalyticTurnRunner"/> is the
/// closed-form reference model.
/// </summary>
public interface ILabTurnRunner
{
    Task<LabTurn> RunAsync(TurnScript script, StrategyName strategy, CancellationToken cancellationToken);
}
