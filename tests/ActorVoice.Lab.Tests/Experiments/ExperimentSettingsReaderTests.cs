using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Tests.Support;
using Xunit;

namespace ActorVoice.Lab.Tests.Experiments;

public sealed class ExperimentSettingsReaderTests
{
    private const string Valid = """
        experiment {
          mode = simulated
          seed = 7
          turns = 100
          strategies = [sequential, speculative-preemptive-bridge]
          knowledge.latency { min = 1s, max = 3s }
          questions.sets = [samples, or-sharc]
        }
        """;

    [Fact]
    public void A_valid_experiment_is_read_with_its_values_and_the_defaults()
    {
        var settings = ExperimentSettingsReader.Parse(Valid, "valid");

        Assert.Equal("valid", settings.Name);
        Assert.Equal(ExperimentMode.Simulated, settings.Mode);
        Assert.Equal(7, settings.Seed);
        Assert.Equal(100, settings.Turns);
        Assert.Equal(["sequential", "speculative-preemptive-bridge"], settings.Strategies.Select(s => s.Name));
        Assert.True(settings.Strategies[1] is { Speculative: true, Preemptive: true, Bridge: true });
        Assert.Equal(new LatencyRange(1000, 3000), settings.Knowledge.Latency);
        Assert.Equal([QuestionSet.Samples, QuestionSet.OrSharc], settings.Questions.Sets);
        Assert.Equal(300, settings.Vad.LocalSilenceMs);
        Assert.Equal(0.25, settings.Recognizer.PartialWordErrorRate);
    }

    [Theory]
    [InlineData("seed-scenario", ExperimentMode.Simulated, 1000, 3000)]
    [InlineData("seed-scenario-live", ExperimentMode.Live, 1500, 1500)]
    [InlineData("fast-index", ExperimentMode.Simulated, 5, 15)]
    public void The_bundled_experiments_are_valid(string name, ExperimentMode mode, double minMs, double maxMs)
    {
        var settings = ExperimentSettingsReader.ReadFile(Path.Combine(LabTestFiles.Experiments, name + ".conf"));

        Assert.Equal(name, settings.Name);
        Assert.Equal(mode, settings.Mode);
        Assert.Equal(new LatencyRange(minMs, maxMs), settings.Knowledge.Latency);
        Assert.Contains(settings.Strategies, strategy => strategy.Name == StrategyName.Sequential);
    }

    [Theory]
    [InlineData("seed = 7", "", "experiment.seed")]
    [InlineData("turns = 100", "", "experiment.turns")]
    [InlineData("turns = 100", "turns = 0", "experiment.turns")]
    [InlineData("turns = 100", "turns = many", "experiment.turns")]
    [InlineData("mode = simulated", "mode = replay", "experiment.mode")]
    [InlineData("mode = simulated", "", "experiment.mode")]
    [InlineData("strategies = [sequential, speculative-preemptive-bridge]", "strategies = [sequential, eager]", "experiment.strategies")]
    [InlineData("strategies = [sequential, speculative-preemptive-bridge]", "strategies = [sequential-preemptive]", "experiment.strategies")]
    [InlineData("strategies = [sequential, speculative-preemptive-bridge]", "strategies = [sequential, sequential]", "experiment.strategies")]
    [InlineData("strategies = [sequential, speculative-preemptive-bridge]", "strategies = []", "experiment.strategies")]
    [InlineData("knowledge.latency { min = 1s, max = 3s }", "knowledge.latency { min = 3s, max = 1s }", "experiment.knowledge.latency.max")]
    [InlineData("knowledge.latency { min = 1s, max = 3s }", "knowledge.latency { max = 3s }", "experiment.knowledge.latency.min")]
    [InlineData("knowledge.latency { min = 1s, max = 3s }", "knowledge.latency { min = soon, max = 3s }", "experiment.knowledge.latency.min")]
    [InlineData("knowledge.latency { min = 1s, max = 3s }", "knowledge.latency { min = -1s, max = 3s }", "experiment.knowledge.latency.min")]
    [InlineData("questions.sets = [samples, or-sharc]", "questions.sets = [wikipedia]", "experiment.questions.sets")]
    [InlineData("questions.sets = [samples, or-sharc]", "", "experiment.questions.sets")]
    public void An_invalid_or_missing_value_is_reported_with_its_full_key(string original, string replacement, string key)
    {
        var hocon = Valid.Replace(original, replacement, StringComparison.Ordinal);

        var error = Assert.Throws<ExperimentConfigException>(() => ExperimentSettingsReader.Parse(hocon, "broken"));

        Assert.Equal(key, error.Key);
        Assert.StartsWith(key + ":", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("recognizer.partial-wer = 1.5", "experiment.recognizer.partial-wer")]
    [InlineData("recognizer.partial-interval { min = 0ms, max = 300ms }", "experiment.recognizer.partial-interval.min")]
    [InlineData("speculation.max-in-flight = 0", "experiment.speculation.max-in-flight")]
    [InlineData("knowledge.source = http", "experiment.knowledge.url")]
    [InlineData("bridge.duration { min = 2s, max = 1s }", "experiment.bridge.duration.max")]
    [InlineData("questions.or-sharc-spoken = perhaps", "experiment.questions.or-sharc-spoken")]
    public void An_invalid_override_of_a_default_names_its_key(string line, string key)
    {
        var hocon = Valid.Replace("seed = 7", "seed = 7\n  " + line, StringComparison.Ordinal);

        var error = Assert.Throws<ExperimentConfigException>(() => ExperimentSettingsReader.Parse(hocon, "broken"));

        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void A_live_experiment_needs_a_real_knowledge_source()
    {
        var hocon = Valid.Replace("mode = simulated", "mode = live", StringComparison.Ordinal);

        var error = Assert.Throws<ExperimentConfigException>(() => ExperimentSettingsReader.Parse(hocon, "live"));

        Assert.Equal("experiment.knowledge.source", error.Key);
    }

    [Fact]
    public void An_http_source_may_ask_for_an_embedded_knowledge_server()
    {
        var hocon = Valid.Replace("mode = simulated", "mode = live\n  knowledge { source = http, url = embedded }", StringComparison.Ordinal);

        var settings = ExperimentSettingsReader.Parse(hocon, "live");

        Assert.Equal(KnowledgeSourceKind.Http, settings.Knowledge.Source);
        Assert.True(settings.Knowledge.IsEmbedded);
    }

    [Fact]
    public void Hocon_that_cannot_be_resolved_is_reported_with_the_experiment_name()
    {
        var error = Assert.Throws<ExperimentConfigException>(() => ExperimentSettingsReader.Parse("experiment { seed = ${nowhere} }", "garbled"));

        Assert.Contains("garbled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ExperimentSettingsReader.ReadFile("/nonexistent/experiment.conf"));

        Assert.Contains("/nonexistent/experiment.conf", error.Message, StringComparison.Ordinal);
    }
}
