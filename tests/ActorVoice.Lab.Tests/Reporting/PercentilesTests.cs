using ActorVoice.Lab.Reporting;
using Xunit;

namespace ActorVoice.Lab.Tests.Reporting;

public sealed class PercentilesTests
{
    // Unsorted on purpose: the order of the turns must not matter.
    private static readonly double[] Values = [50, 15, 40, 20, 35];

    [Theory]
    [InlineData(0, 15)]
    [InlineData(5, 15)]
    [InlineData(20, 15)]
    [InlineData(30, 20)]
    [InlineData(40, 20)]
    [InlineData(50, 35)]
    [InlineData(90, 50)]
    [InlineData(100, 50)]
    public void Nearest_rank_takes_the_value_at_the_rank_rounded_up(double percentile, double expected)
    {
        Assert.Equal(expected, Percentiles.NearestRank(Values, percentile));
    }

    [Fact]
    public void The_p99_of_a_hundred_turns_is_the_ninety_ninth_and_of_a_thousand_the_nine_hundred_ninetieth()
    {
        var hundred = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();
        var thousand = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();

        Assert.Equal(new LatencyPercentiles(50, 90, 99), Percentiles.Of(hundred));
        Assert.Equal(new LatencyPercentiles(500, 900, 990), Percentiles.Of(thousand));
    }

    [Fact]
    public void No_values_give_no_percentile()
    {
        Assert.True(double.IsNaN(Percentiles.NearestRank([], 50)));
    }

    [Fact]
    public void A_percentile_outside_0_to_100_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(Values, 101));
    }
}
