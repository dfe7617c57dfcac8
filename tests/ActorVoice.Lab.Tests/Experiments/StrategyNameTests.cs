using ActorVoice.Lab.Experiments;
using Xunit;

namespace ActorVoice.Lab.Tests.Experiments;

public sealed class StrategyNameTests
{
    [Theory]
    [InlineData("sequential", false, false, false)]
    [InlineData("sequential-bridge", false, false, true)]
    [InlineData("speculative", true, false, false)]
    [InlineData("speculative-preemptive", true, true, false)]
    [InlineData("speculative-bridge", true, false, true)]
    [InlineData("speculative-preemptive-bridge", true, true, true)]
    public void A_name_is_a_base_followed_by_features(string name, bool speculative, bool preemptive, bool bridge)
    {
        var strategy = StrategyName.Parse(name);

        Assert.Equal(new StrategyName(name, speculative, preemptive, bridge), strategy);
    }

    [Theory]
    [InlineData("eager")]
    [InlineData("sequential-preemptive")]
    [InlineData("speculative-bridge-preemptive")]
    [InlineData("speculative-preemptive-preemptive")]
    [InlineData("speculative-")]
    [InlineData("")]
    public void Other_names_are_refused(string name)
    {
        Assert.False(StrategyName.TryParse(name, out _, out var problem));
        Assert.Contains(name, problem, StringComparison.Ordinal);
    }
}
