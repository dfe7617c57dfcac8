using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Tests.Speculation;

namespace ActorVoice.Tests.Knowledge;

/// <summary>The added-latency decorator and its use by the factory.</summary>
public sealed class DelayedKnowledgeSourceSpec
{
    [Fact]
    public async Task A_query_should_reach_the_inner_source_only_after_the_delay_and_report_the_delay_in_its_elapsed_time()
    {
        using var inner = new ScriptedKnowledgeSource();
        using var delayed = new DelayedKnowledgeSource(inner, TimeSpan.FromMilliseconds(30));
        var pending = delayed.QueryAsync("vacation days", partial: false, CancellationToken.None);
        var query = await inner.NextAsync();
        Assert.Equal("vacation days", query.Question);
        query.Complete("vacation.md");

        var result = await pending;
        Assert.Equal("vacation.md", result.Passages[0].Document);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(30), $"elapsed {result.Elapsed}");
    }

    [Fact]
    public async Task Cancelling_during_the_delay_should_stop_at_once_without_asking_the_inner_source()
    {
        using var inner = new ScriptedKnowledgeSource();
        using var delayed = new DelayedKnowledgeSource(inner, TimeSpan.FromHours(1));
        using var cts = new CancellationTokenSource();
        var pending = delayed.QueryAsync("vacation days", partial: true, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task Cancelling_after_the_delay_should_cancel_the_inner_query()
    {
        using var inner = new ScriptedKnowledgeSource();
        using var delayed = new DelayedKnowledgeSource(inner, TimeSpan.FromMilliseconds(1));
        using var cts = new CancellationTokenSource();
        var pending = delayed.QueryAsync("vacation days", partial: true, cts.Token);
        var query = await inner.NextAsync();
        Assert.True(query.Partial);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public void The_factory_should_add_the_delay_only_when_added_latency_is_above_zero()
    {
        var settings = EngineSettings.Reference with
        {
            Knowledge = EngineSettings.Reference.Knowledge with { Source = KnowledgeSourceKind.Http, Http = EngineSettings.Reference.Knowledge.Http with { Url = "http://localhost:9/ask" } },
        };
        using var plain = KnowledgeSourceFactory.Create(settings, index: null);
        Assert.IsType<HttpKnowledgeSource>(plain);

        var slow = settings with { Knowledge = settings.Knowledge with { AddedLatency = TimeSpan.FromMilliseconds(1500) } };
        using var delayed = KnowledgeSourceFactory.Create(slow, index: null);
        var decorator = Assert.IsType<DelayedKnowledgeSource>(delayed);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), decorator.Delay);
        Assert.Contains("1500 ms", decorator.Name, StringComparison.Ordinal);
    }
}
