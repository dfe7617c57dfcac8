using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Turns;
using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Tests.Turns;

/// <summary>The observer hears which documents the answer comes from as soon as retrieval chose them, before the answer plays.</summary>
public class TurnSourcesSpec : TurnActorHarness
{
    [Fact]
    public async Task Sources_should_be_published_when_retrieval_is_ready_before_the_answer_is_asked_for()
    {
        var final = await AskAsync();
        await InStateAsync("retrieving");
        Speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult, Reused: true, SpeculationStats.None));

        var found = (SourcesFound)await Observer.FishForMessageAsync(m => m is SourcesFound);

        Assert.Equal(VacationResult.Passages[0].Document, found.Sources[0].Document);
        Assert.Equal(VacationResult.Passages.Count, found.Sources.Count);
        // Published before the answer's response is even asked for.
        await SentAsync<ResponseCreate>();
    }

    [Fact]
    public async Task A_retrieval_that_found_nothing_should_publish_no_sources()
    {
        var final = await AskAsync();
        await InStateAsync("retrieving");
        Speculator.Reply(new SpeculatorActor.Ready(final.TurnId, VacationResult with { Passages = [] }, Reused: false, SpeculationStats.None));
        await SentAsync<ResponseCreate>();
        await SettledAsync();

        var published = await Observer.ReceiveWhileAsync(TimeSpan.FromMilliseconds(300), m => m).ToListAsync();
        Assert.DoesNotContain(published, m => m is SourcesFound);
        Assert.NotEmpty(published); // the turn's state changes did arrive: the observer was listening
    }
}
