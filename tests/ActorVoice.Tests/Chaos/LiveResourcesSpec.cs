using ActorVoice.Engine.Telemetry;

namespace ActorVoice.Tests.Chaos;

/// <summary>The live-resource gauges count a resource from its start to its end, once, however it ends.</summary>
public sealed class LiveResourcesSpec
{
    [Fact]
    public void A_lease_should_raise_its_gauge_and_lower_it_once_however_often_it_is_disposed()
    {
        var gauge = new LiveResources.Gauge("test-leases");

        var lease = gauge.Lease();
        Assert.Equal(1, gauge.Value);
        lease.Dispose();
        lease.Dispose();

        Assert.Equal(0, gauge.Value);
    }

    [Fact]
    public async Task A_tracked_task_should_count_until_it_ends_whether_it_succeeds_fails_or_is_cancelled()
    {
        var gauge = new LiveResources.Gauge("test-tasks");
        var succeeds = new TaskCompletionSource<int>();
        var fails = new TaskCompletionSource<int>();
        var cancelled = new TaskCompletionSource<int>();

        var tracked = new[] { gauge.Track(succeeds.Task), gauge.Track(fails.Task), gauge.Track(cancelled.Task) };
        Assert.Equal(3, gauge.Value);
        succeeds.SetResult(1);
        fails.SetException(new InvalidOperationException("boom"));
        cancelled.SetCanceled();
        await Task.WhenAll(tracked.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.Equal(0, gauge.Value);
        Assert.Same(succeeds.Task, tracked[0]);
    }

    [Fact]
    public void A_snapshot_should_name_the_gauges_that_moved()
    {
        var before = new LiveResourceSnapshot(new Dictionary<string, long> { ["a"] = 1, ["b"] = 0 });
        var after = new LiveResourceSnapshot(new Dictionary<string, long> { ["a"] = 1, ["b"] = 2 });

        Assert.Equal(["b 0 → 2"], after.DifferencesFrom(before));
        Assert.Empty(before.DifferencesFrom(before));
    }
}
