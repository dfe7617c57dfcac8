using System.Text.Json;
using ActorVoice.Lab.Reporting;
using Xunit;

namespace ActorVoice.Lab.Tests.Reporting;

public sealed class LabJsonSummaryTests
{
    [Fact]
    public void The_summary_has_exactly_the_documented_field_names_and_values()
    {
        var summary = new StrategySummary(
            "speculative",
            200,
            new LatencyPercentiles(1234.56, 2000, 3456.78),
            new LatencyPercentiles(1500.04, 2100, 3500),
            new LatencyPercentiles(120.25, 900, 2000),
            HitRate: 0.83456,
            Agreement: 0.96,
            ReuseAgreement: 0.95,
            WastedJobs: 17,
            new StageMedians(900, 100, 500));

        using var document = JsonDocument.Parse(LabJsonSummary.Of([summary]).ToJson());

        var root = document.RootElement;
        Assert.Equal(["strategies"], root.EnumerateObject().Select(property => property.Name));
        var strategy = Assert.Single(root.GetProperty("strategies").EnumerateArray().ToArray());
        Assert.Equal(
            ["name", "turns", "v2vP50Ms", "v2vP99Ms", "answerP50Ms", "ragAddedP50Ms", "hitRate", "agreement", "wastedJobs"],
            strategy.EnumerateObject().Select(property => property.Name));
        Assert.Equal("speculative", strategy.GetProperty("name").GetString());
        Assert.Equal(200, strategy.GetProperty("turns").GetInt32());
        Assert.Equal(1234.6, strategy.GetProperty("v2vP50Ms").GetDouble());
        Assert.Equal(3456.8, strategy.GetProperty("v2vP99Ms").GetDouble());
        Assert.Equal(1500.0, strategy.GetProperty("answerP50Ms").GetDouble());
        Assert.Equal(120.3, strategy.GetProperty("ragAddedP50Ms").GetDouble());
        Assert.Equal(0.8346, strategy.GetProperty("hitRate").GetDouble());
        Assert.Equal(0.96, strategy.GetProperty("agreement").GetDouble());
        Assert.Equal(17, strategy.GetProperty("wastedJobs").GetInt32());
    }
}
