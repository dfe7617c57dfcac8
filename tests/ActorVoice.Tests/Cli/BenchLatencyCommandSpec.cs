using System.Text.Json;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Cli;

/// <summary><c>actorvoice bench latency</c> run as a real process on a short copy of the bundled fast-index experiment.</summary>
public class BenchLatencyCommandSpec
{
    private static readonly string[] Fields = ["name", "turns", "v2vP50Ms", "v2vP99Ms", "answerP50Ms", "ragAddedP50Ms", "hitRate", "agreement", "wastedJobs"];

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Json_should_print_one_summary_object_and_the_outputs_should_be_written()
    {
        var folder = RepoPaths.TempFolder("bench-latency");
        var bundled = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "hocon", "experiments", "fast-index.conf"));
        var experiment = Path.Combine(folder, "fast-index-short.conf");
        await File.WriteAllTextAsync(experiment, bundled + "\nexperiment.turns = 12\nexperiment.questions.sets = [samples]\n");
        var output = Path.Combine(folder, "out");

        var (code, stdout, stderr) = await CliProcess.RunAsync("bench", "latency", "--experiment", experiment, "--out", output, "--json");

        Assert.True(code == 0, $"exit {code}: {stderr}");
        using var json = JsonDocument.Parse(stdout.Trim());
        var strategies = json.RootElement.GetProperty("strategies").EnumerateArray().ToList();
        Assert.Equal(["sequential", "speculative", "speculative-preemptive", "speculative-preemptive-bridge"], strategies.Select(s => s.GetProperty("name").GetString()));
        Assert.All(strategies, s =>
        {
            Assert.Equal(Fields, s.EnumerateObject().Select(p => p.Name));
            Assert.Equal(12, s.GetProperty("turns").GetInt32());
            Assert.True(s.GetProperty("v2vP50Ms").GetDouble() > 0);
        });
        var csv = await File.ReadAllLinesAsync(Path.Combine(output, "turns.csv"));
        Assert.Equal(1 + (4 * 12), csv.Length);
        var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"));
        Assert.Contains("speculative-preemptive-bridge", report, StringComparison.Ordinal);
        Assert.Contains("runner:", report, StringComparison.OrdinalIgnoreCase);
        foreach (var png in new[] { "v2v-cdf.png", "stage-breakdown.png", "hit-vs-agreement.png" })
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(output, png));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        }
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task A_missing_experiment_should_fail_with_a_message()
    {
        var (code, _, stderr) = await CliProcess.RunAsync("bench", "latency", "--experiment", "no-such-experiment.conf");

        Assert.Equal(2, code);
        Assert.Contains("no-such-experiment.conf", stderr, StringComparison.Ordinal);
    }
}
