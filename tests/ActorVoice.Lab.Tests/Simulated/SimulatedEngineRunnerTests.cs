using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Reporting;
using ActorVoice.Lab.Runners.Simulated;
using ActorVoice.Lab.Tests.Support;
using ActorVoice.Lab.Timeline;
using Xunit;

namespace ActorVoice.Lab.Tests.Simulated;

/// <summary>The engine's TurnActor and SpeculatorActor played through scripted turns on virtual time.</summary>
public sealed class SimulatedEngineRunnerTests
{
    private static readonly StrategyName Sequential = StrategyName.Parse("sequential");
    private static readonly StrategyName Speculative = StrategyName.Parse("speculative");

    [Fact]
    public async Task The_same_experiment_and_seed_give_the_same_csv_byte_for_byte()
    {
        var folder = LabTestFiles.NewTempFolder();
        var experiment = LabTestFiles.WriteExperiment(folder, "sim-repeat", seed: 7, turns: 40, extra: "strategies = [sequential, speculative]");

        var first = await RunCommandAsync(experiment, Path.Combine(folder, "first"));
        var second = await RunCommandAsync(experiment, Path.Combine(folder, "second"));

        Assert.True(first.Length > 1000);
        var a = System.Text.Encoding.UTF8.GetString(first).Split('\n');
        var b = System.Text.Encoding.UTF8.GetString(second).Split('\n');
        var diff = Enumerable.Range(0, Math.Min(a.Length, b.Length)).Where(i => a[i] != b[i]).Take(3).Select(i => a[0] + "\n" + a[i] + "\n" + b[i]);
        Assert.True(first.SequenceEqual(second), string.Join("\n---\n", diff));
    }

    [Fact]
    public void Sequential_answer_audio_is_the_final_transcript_plus_the_knowledge_and_response_latencies()
    {
        using var lab = new SimulatedLab(seed: 11, turns: 30, extra: "knowledge.latency { min = 1s, max = 2500ms }");

        foreach (var script in lab.Scripts)
        {
            var turn = lab.Runner.Run(script, Sequential);
            var expected = script.FinalTranscriptMs + script.FinalKnowledgeLatencyMs + script.FirstAudioLatencyMs;
            Assert.True(
                Math.Abs(turn.AnswerAudioMs - expected) <= 0.2,
                $"turn {script.Turn}: answer audio {turn.AnswerAudioMs}, expected {expected} = final {script.FinalTranscriptMs} + knowledge {script.FinalKnowledgeLatencyMs} + response {script.FirstAudioLatencyMs}; final mark {turn.FinalTranscriptMs}, ready {turn.AnswerReadyMs}, create {turn.ResponseCreateMs}, jobs {string.Join("; ", turn.Jobs)}");
            Assert.False(turn.Hit);
            var job = Assert.Single(turn.Jobs);
            Assert.False(job.Speculative);
            Assert.Equal(script.FinalTranscriptMs, job.StartMs, 0.2);
        }
    }

    [Fact]
    public void Speculative_beats_sequential_on_median_answer_audio_with_a_slow_source()
    {
        using var lab = new SimulatedLab(seed: 20261201, turns: 80);

        var sequential = lab.Scripts.Select(s => lab.Runner.Run(s, Sequential)).ToArray();
        var speculative = lab.Scripts.Select(s => lab.Runner.Run(s, Speculative)).ToArray();

        var sequentialP50 = Median(sequential);
        var speculativeP50 = Median(speculative);
        Assert.True(speculativeP50 < sequentialP50, $"speculative p50 {speculativeP50} ms, sequential p50 {sequentialP50} ms");
        Assert.Contains(speculative, t => t.Hit);
        Assert.Contains(speculative, t => t.Jobs.Any(j => j.Speculative));
    }

    [Fact]
    public void Many_turns_leave_no_actor_behind()
    {
        using var lab = new SimulatedLab(seed: 5, turns: 60);

        foreach (var script in lab.Scripts)
        {
            lab.Runner.Run(script, Speculative);
            lab.Runner.Run(script, Sequential);
        }

        Assert.Equal(0, lab.Runner.LiveActors);
        Assert.Equal(0, lab.Runner.LateArrivals);
    }

    private static double Median(IReadOnlyList<LabTurn> turns) => Percentiles.NearestRank(turns.Select(t => t.AnswerAudioMs).ToArray(), 50);

    private static async Task<byte[]> RunCommandAsync(string experiment, string output)
    {
        SimulatedEngineRunner? runner = null;
        try
        {
            await LabCommandCore.RunAsync(experiment, output, json: false, TextWriter.Null, context =>
            {
                runner = new SimulatedEngineRunner(context);
                return new LabRunnerChoice(runner, SimulatedEngineRunner.Description);
            }, CancellationToken.None);
        }
        finally
        {
            runner?.Dispose();
        }

        return await File.ReadAllBytesAsync(Path.Combine(output, ExperimentRunner.CsvFileName));
    }
}
