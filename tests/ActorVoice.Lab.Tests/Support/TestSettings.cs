using ActorVoice.Lab.Experiments;

namespace ActorVoice.Lab.Tests.Support;

/// <summary>Experiment settings for unit tests: the lab's defaults under a minimal simulated experiment.</summary>
internal static class TestSettings
{
    public static ExperimentSettings Simulated(int seed, int turns = 50, string extra = "") =>
        ExperimentSettingsReader.Parse(
            $$"""
            experiment {
              mode = simulated
              seed = {{seed}}
              turns = {{turns}}
              strategies = [sequential, speculative]
              knowledge.latency { min = 1s, max = 3s }
              questions.sets = [samples]
              {{extra}}
            }
            """,
            "unit");
}
