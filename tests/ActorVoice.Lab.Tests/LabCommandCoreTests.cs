using System.Text.Json;
using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Reporting;
using ActorVoice.Lab.Tests.Support;
using Xunit;

namespace ActorVoice.Lab.Tests;

public sealed class LabCommandCoreTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task The_same_experiment_and_seed_give_the_same_csv_byte_for_byte()
    {
        var folder = LabTestFiles.NewTempFolder();
        var experiment = LabTestFiles.WriteExperiment(folder, "repeat", seed: 42);

        await RunAsync(experiment, Path.Combine(folder, "first"), json: false);
        await RunAsync(experiment, Path.Combine(folder, "second"), json: false);

        var first = await File.ReadAllBytesAsync(Path.Combine(folder, "first", ExperimentRunner.CsvFileName));
        var second = await File.ReadAllBytesAsync(Path.Combine(folder, "second", ExperimentRunner.CsvFileName));
        Assert.True(first.Length > 1000);
        Assert.Equal(first, second);
        Assert.DoesNotContain((byte)'\r', first);
        Assert.NotEqual(0xEF, first[0]);
    }

    [Fact]
    public async Task Another_seed_gives_another_csv()
    {
        var folder = LabTestFiles.NewTempFolder();

        await RunAsync(LabTestFiles.WriteExperiment(folder, "one", seed: 1), Path.Combine(folder, "one"), json: false);
        await RunAsync(LabTestFiles.WriteExperiment(folder, "two", seed: 2), Path.Combine(folder, "two"), json: false);

        Assert.NotEqual(
            await File.ReadAllBytesAsync(Path.Combine(folder, "one", ExperimentRunner.CsvFileName)),
            await File.ReadAllBytesAsync(Path.Combine(folder, "two", ExperimentRunner.CsvFileName)));
    }

    [Fact]
    public async Task A_run_writes_a_row_per_strategy_and_turn_a_report_with_each_strategy_and_three_png_plots()
    {
        var folder = LabTestFiles.NewTempFolder();
        var output = Path.Combine(folder, "out");

        var printed = await RunAsync(LabTestFiles.WriteExperiment(folder, "outputs", seed: 3, turns: 40), output, json: false);

        var rows = await File.ReadAllLinesAsync(Path.Combine(output, ExperimentRunner.CsvFileName));
        Assert.Equal(1 + (3 * 40), rows.Length);
        var report = await File.ReadAllTextAsync(Path.Combine(output, LabReportWriter.FileName));
        foreach (var strategy in new[] { "sequential", "speculative", "speculative-preemptive-bridge" })
        {
            Assert.Contains($"\n| {strategy} | 40 | ", report, StringComparison.Ordinal);
            Assert.Contains(strategy, printed, StringComparison.Ordinal);
        }

        Assert.Contains("analytic model", report, StringComparison.Ordinal);
        foreach (var plot in new[] { LabPlots.CdfFile, LabPlots.StagesFile, LabPlots.HitAgreementFile })
        {
            Assert.Contains($"]({plot})", report, StringComparison.Ordinal);
            var bytes = await File.ReadAllBytesAsync(Path.Combine(output, plot));
            Assert.Equal(PngSignature, bytes.Take(PngSignature.Length));
            Assert.True(bytes.Length > 10_000, $"{plot} has only {bytes.Length} bytes");
        }
    }

    [Fact]
    public async Task Json_prints_one_summary_object_with_a_strategy_per_experiment_strategy()
    {
        var folder = LabTestFiles.NewTempFolder();

        var printed = await RunAsync(LabTestFiles.WriteExperiment(folder, "json", seed: 4, turns: 30), Path.Combine(folder, "out"), json: true);

        using var document = JsonDocument.Parse(printed);
        var strategies = document.RootElement.GetProperty("strategies").EnumerateArray().ToArray();
        Assert.Equal(["sequential", "speculative", "speculative-preemptive-bridge"], strategies.Select(s => s.GetProperty("name").GetString()));
        Assert.All(strategies, s => Assert.Equal(30, s.GetProperty("turns").GetInt32()));
        Assert.Equal(0, strategies[0].GetProperty("hitRate").GetDouble());
        Assert.True(strategies[1].GetProperty("answerP50Ms").GetDouble() < strategies[0].GetProperty("answerP50Ms").GetDouble());
    }

    [Fact]
    public async Task A_live_experiment_without_an_engine_runner_is_refused()
    {
        var experiment = Path.Combine(LabTestFiles.Experiments, "seed-scenario-live.conf");

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => RunAsync(experiment, LabTestFiles.NewTempFolder(), json: false));

        Assert.Contains("seed-scenario-live", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_experiment_fails_before_running_and_names_the_key()
    {
        var folder = LabTestFiles.NewTempFolder();
        var experiment = LabTestFiles.WriteExperiment(folder, "invalid", seed: 5, extra: "strategies = [sequential, fastest]");

        var error = await Assert.ThrowsAsync<ExperimentConfigException>(() => RunAsync(experiment, Path.Combine(folder, "out"), json: false));

        Assert.Equal("experiment.strategies", error.Key);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    private static async Task<string> RunAsync(string experiment, string output, bool json)
    {
        using var stdout = new StringWriter();
        var exitCode = await LabCommandCore.RunAsync(experiment, output, json, stdout, CancellationToken.None);
        Assert.Equal(0, exitCode);
        return stdout.ToString();
    }
}
