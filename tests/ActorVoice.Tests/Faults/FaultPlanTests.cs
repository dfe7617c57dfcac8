using ActorVoice.Config;
using ActorVoice.Faults;

namespace ActorVoice.Tests.Faults;

public sealed class FaultPlanTests
{
    [Fact]
    public void The_reference_plan_injects_nothing()
    {
        var faults = new FaultInjection(FaultPlan.None);
        Assert.False(faults.Active);
        Assert.Null(faults.Socket);
        Assert.Null(faults.Knowledge);
        Assert.False(faults.CrashPointFor("turn").Armed);
    }

    [Fact]
    public void A_plan_overrides_the_reference_and_reads_its_crashes()
    {
        var plan = FaultPlan.Parse("""
            actorvoice.faults {
              enabled = on
              seed = 7
              socket { drop-rate = 0.1, latency = 40ms }
              crashes = [ { actor = turn, at-message = 12 }, { actor = socket, after = 2s } ]
            }
            """);
        Assert.True(plan.Enabled);
        Assert.Equal(7, plan.Seed);
        Assert.Equal(0.1, plan.Socket.DropRate);
        Assert.Equal(TimeSpan.FromMilliseconds(40), plan.Socket.Latency);
        Assert.Equal(0, plan.Knowledge.FailureRate);
        Assert.Equal([new ActorCrash("turn", 12, null), new ActorCrash("socket", 0, TimeSpan.FromSeconds(2))], plan.Crashes);
    }

    [Theory]
    [InlineData("actorvoice.faults.socket { drop-rat = 0.1 }", "actorvoice.faults.socket.drop-rat")]
    [InlineData("actorvoice.faults.socket { drop-rate = 1.5 }", "actorvoice.faults.socket.drop-rate")]
    [InlineData("actorvoice.faults.knowledge { spike = soon }", "actorvoice.faults.knowledge.spike")]
    [InlineData("actorvoice.faults.crashes = [ { actor = teapot, at-message = 1 } ]", "actorvoice.faults.crashes[0].actor")]
    [InlineData("actorvoice.faults.crashes = [ { actor = turn } ]", "actorvoice.faults.crashes[0]")]
    [InlineData("actorvoice.faults.crashes = [ { actor = turn, at-message = 0 } ]", "actorvoice.faults.crashes[0].at-message")]
    [InlineData("actorvoice.faults.crashes = [ { actor = turn, at-message = 2, when = 3 } ]", "actorvoice.faults.crashes[0].when")]
    public void A_bad_plan_is_refused_with_the_key_named(string hocon, string key)
    {
        var error = Assert.Throws<InvalidSettingException>(() => FaultPlan.Parse(hocon));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_plan_file_is_a_clear_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => FaultPlan.Load("/nonexistent/plan.conf"));
        Assert.Contains("/nonexistent/plan.conf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_and_edge_draw_the_same_faults()
    {
        static bool[] Draws(int seed, string edge)
        {
            var dice = new FaultDice(seed, edge);
            return Enumerable.Range(0, 200).Select(_ => dice.Roll(0.3)).ToArray();
        }

        Assert.Equal(Draws(5, "socket"), Draws(5, "socket"));
        Assert.NotEqual(Draws(5, "socket"), Draws(6, "socket"));
        Assert.NotEqual(Draws(5, "socket"), Draws(5, "knowledge"));
    }

    [Fact]
    public void Each_instance_of_an_edge_gets_its_own_stream_in_order()
    {
        var a = new FaultInjection(FaultPlan.Parse("actorvoice.faults { enabled = on, seed = 3 }"));
        var b = new FaultInjection(FaultPlan.Parse("actorvoice.faults { enabled = on, seed = 3 }"));
        Assert.Equal("socket", a.NextDice("socket").Edge);
        Assert.Equal("socket#1", a.NextDice("socket").Edge);
        _ = b.NextDice("socket");
        _ = b.NextDice("socket");
        Assert.Equal(a.NextDice("socket").NextDouble(), b.NextDice("socket").NextDouble());
    }

    [Fact]
    public void A_planned_crash_fires_once_at_its_message_and_is_logged()
    {
        var faults = new FaultInjection(FaultPlan.Parse("actorvoice.faults { enabled = on, crashes = [ { actor = turn, at-message = 3 } ] }"));
        var point = faults.CrashPointFor("turn");
        point.BeforeMessage("one");
        point.BeforeMessage("two");
        Assert.Throws<InjectedFaultException>(() => point.BeforeMessage("three"));
        point.BeforeMessage("four");
        Assert.Equal(1, faults.Log.Total);
        Assert.Equal("crash", Assert.Single(faults.Log.Recent).Kind);
        Assert.False(faults.CrashPointFor("socket").Armed);
    }

    [Fact]
    public void A_disabled_plan_arms_no_crash()
    {
        var faults = new FaultInjection(FaultPlan.Parse("actorvoice.faults { enabled = off, crashes = [ { actor = turn, at-message = 1 } ] }"));
        faults.CrashPointFor("turn").BeforeMessage("one");
        Assert.Equal(0, faults.Log.Total);
    }
}
