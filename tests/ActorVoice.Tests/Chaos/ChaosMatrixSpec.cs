using ActorVoice.Cli.Chaos;
using ActorVoice.Faults;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Chaos;

/// <summary>
/// The fault matrix: every plan in hocon/faults drives a short scripted conversation (a question, a barge-in, a cough
/// over an answer) through the real stack, in process, and every invariant must hold.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ChaosMatrixCollection.Name)]
public sealed class ChaosMatrixSpec(ChaosMatrixFixture fixture)
{
    private const int Turns = 3;

    [Theory]
    [MemberData(nameof(FaultPlanFiles.All), MemberType = typeof(FaultPlanFiles))]
    public async Task Every_invariant_should_hold_under_the_plan(string file)
    {
        var path = FaultPlanFiles.PathOf(file);
        var output = Path.Combine(fixture.Folder, Path.GetFileNameWithoutExtension(file));
        var options = new ChaosOptions
        {
            Plan = FaultPlan.Load(path),
            Turns = Turns,
            Config = ChaosConfig.Compose(null, path, [], output),
            DocsFolder = RepoPaths.SampleDocs,
            QuestionFolder = Path.Combine(RepoPaths.Root, "samples", "questions"),
            IndexFolder = fixture.IndexFolder,
            OutputFolder = output,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var report = await ChaosRunner.RunAsync(options, timeout.Token);

        var failed = report.Invariants.Where(i => !i.Held).Select(i => $"{i.Name}: {i.Detail}").ToList();
        if (report.Turns.Count < Turns)
        {
            failed.Add($"only {report.Turns.Count} turns ran");
        }

        // A plan that injected nothing tested nothing.
        if (file != "baseline.conf" && report.Faults.Count == 0)
        {
            failed.Add("the plan injected no fault");
        }

        Assert.True(failed.Count == 0, $"{file}: {string.Join(" | ", failed)}\n{ChaosReportWriter.ToJson(report)}");
    }
}
