using ActorVoice.Cli.Chaos;
using ActorVoice.Engine.Configuration;
using ActorVoice.Faults;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Chaos;

/// <summary>Every plan in hocon/faults is valid, says what it exercises, and injects what its name says.</summary>
public sealed class FaultPlanFilesSpec
{
    [Theory]
    [MemberData(nameof(FaultPlanFiles.All), MemberType = typeof(FaultPlanFiles))]
    public void A_plan_file_should_parse_be_enabled_and_explain_what_it_exercises(string file)
    {
        var path = FaultPlanFiles.PathOf(file);
        var plan = FaultPlan.Load(path);

        Assert.True(plan.Enabled, $"{file} is not enabled: it would inject nothing");
        Assert.StartsWith("#", File.ReadAllText(path).TrimStart(), StringComparison.Ordinal);
        var faults = new FaultInjection(plan);
        var injects = faults.Socket is not null || faults.Server is not null || faults.Knowledge is not null
            || faults.Capture is not null || faults.Playback is not null || plan.Crashes.Count > 0;
        Assert.Equal(file != "baseline.conf", injects);
        // Its other keys (a plan may need e.g. realtime playback) compose into valid engine settings.
        var config = ChaosConfig.Compose(null, path, [], RepoPaths.TempFolder("chaos-plan"));
        Assert.NotNull(EngineSettings.Create(config));
    }

    [Fact]
    public void The_plans_should_cover_every_fault_kind_and_every_crashable_actor()
    {
        var plans = FaultPlanFiles.Names().Select(name => FaultPlan.Load(FaultPlanFiles.PathOf(name))).ToList();

        Assert.Contains(plans, p => p.Socket.Latency > TimeSpan.Zero && p.Socket.Jitter > TimeSpan.Zero);
        Assert.Contains(plans, p => p.Socket.DisconnectAfterEvents > 0);
        Assert.Contains(plans, p => p.Socket.DisconnectMidResponse > 0);
        Assert.Contains(plans, p => p.Socket.DuplicateRate > 0);
        Assert.Contains(plans, p => p.Socket.ReorderRate > 0);
        Assert.Contains(plans, p => p.Socket.DropRate > 0);
        Assert.Contains(plans, p => p.Socket.ErrorRate > 0);
        Assert.Contains(plans, p => p.Socket.SlowConsumer > TimeSpan.Zero);
        Assert.Contains(plans, p => p.Server.StallRate > 0 && p.Server.Stall > TimeSpan.Zero);
        Assert.Contains(plans, p => p.Server.CutResponseRate > 0);
        Assert.Contains(plans, p => p.Server.GarbageFrameRate > 0);
        Assert.Contains(plans, p => p.Knowledge.FailureRate > 0);
        Assert.Contains(plans, p => p.Knowledge.TimeoutRate > 0);
        Assert.Contains(plans, p => p.Knowledge.SpikeRate > 0 && p.Knowledge.Spike > TimeSpan.Zero);
        Assert.Contains(plans, p => p.Capture.DeviceLostAfter > TimeSpan.Zero);
        Assert.Contains(plans, p => p.Capture.GapRate > 0 && p.Capture.Gap > TimeSpan.Zero);
        Assert.Contains(plans, p => p.Capture.CorruptFrameRate > 0);
        Assert.Contains(plans, p => p.Capture.NoiseBurstRate > 0 && p.Capture.NoiseBurst > TimeSpan.Zero);
        Assert.Contains(plans, p => p.Playback.UnderrunRate > 0 && p.Playback.Underrun > TimeSpan.Zero);
        Assert.Contains(plans, p => p.Playback.DeviceErrorRate > 0);
        foreach (var actor in ActorCrash.KnownActors)
        {
            Assert.Contains(plans, p => p.Crashes.Count == 1 && p.Crashes[0].Actor == actor);
        }
    }
}
