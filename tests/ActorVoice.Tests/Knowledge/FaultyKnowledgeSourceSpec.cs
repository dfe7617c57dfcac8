using ActorVoice.Engine.Knowledge;
using ActorVoice.Faults;

namespace ActorVoice.Tests.Knowledge;

/// <summary>The knowledge fault decorator: each fault kind, every fault logged, the same seed giving the same faults.</summary>
public class FaultyKnowledgeSourceSpec
{
    private sealed class Answers : IKnowledgeSource
    {
        public int Queries { get; private set; }

        public string Name => "answers";

        public Task<KnowledgeResult> QueryAsync(string question, bool partial, CancellationToken cancellationToken)
        {
            Queries++;
            return Task.FromResult(new KnowledgeResult(question, [], "yes", TimeSpan.FromMilliseconds(1)));
        }

        public void Dispose()
        {
        }
    }

    private static FaultInjection Faults(string knowledge, int seed = 7) =>
        new(FaultPlan.Parse($"actorvoice.faults {{ enabled = on, seed = {seed}, knowledge {{ {knowledge} }} }}"));

    [Fact]
    public async Task A_failure_should_throw_a_knowledge_source_exception_and_be_logged()
    {
        var faults = Faults("failure-rate = 1");
        var inner = new Answers();
        var source = FaultyKnowledgeSource.Wrap(inner, faults);
        var ex = await Assert.ThrowsAsync<KnowledgeSourceException>(() => source.QueryAsync("q", false, CancellationToken.None));
        Assert.Contains("injected failure", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, inner.Queries);
        Assert.Equal(1, faults.Log.Counts[("knowledge", "failure")]);
    }

    [Fact]
    public async Task A_timeout_should_never_answer_until_the_query_is_cancelled()
    {
        var faults = Faults("timeout-rate = 1");
        var source = FaultyKnowledgeSource.Wrap(new Answers(), faults);
        using var cts = new CancellationTokenSource();
        var query = source.QueryAsync("q", false, cts.Token);
        await Task.Delay(200);
        Assert.False(query.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        Assert.Equal(1, faults.Log.Counts[("knowledge", "timeout")]);
    }

    [Fact]
    public async Task A_spike_should_add_its_latency_and_still_answer()
    {
        var faults = Faults("spike-rate = 1, spike = 300ms");
        var source = FaultyKnowledgeSource.Wrap(new Answers(), faults);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await source.QueryAsync("q", false, CancellationToken.None);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"took {watch.ElapsedMilliseconds} ms");
        Assert.Equal("yes", result.Answer);
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, faults.Log.Counts[("knowledge", "spike")]);
    }

    [Fact]
    public void Without_knowledge_faults_the_source_should_not_be_wrapped()
    {
        var inner = new Answers();
        Assert.Same(inner, FaultyKnowledgeSource.Wrap(inner, FaultInjection.None));
        Assert.Same(inner, FaultyKnowledgeSource.Wrap(inner, new FaultInjection(FaultPlan.Parse("actorvoice.faults { enabled = on, capture { gap-rate = 0.5, gap = 100ms } }"))));
    }

    [Fact]
    public async Task The_same_seed_should_fail_the_same_queries()
    {
        static async Task<string> Pattern(int seed)
        {
            var source = FaultyKnowledgeSource.Wrap(new Answers(), Faults("failure-rate = 0.5", seed));
            var pattern = new System.Text.StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    await source.QueryAsync("q" + i, false, CancellationToken.None);
                    pattern.Append('.');
                }
                catch (KnowledgeSourceException)
                {
                    pattern.Append('x');
                }
            }

            return pattern.ToString();
        }

        var first = await Pattern(11);
        Assert.Equal(first, await Pattern(11));
        Assert.Contains('x', first);
        Assert.Contains('.', first);
        Assert.NotEqual(first, await Pattern(12));
    }
}
