using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation;

namespace ActorVoice.Tests.Speculation;

/// <summary>
/// The speculator on virtual time, with a knowledge source whose queries the test completes, under the text reuse rules
/// (stopword-extension unless a test says otherwise); the meaning rule is in <see cref="SpeculatorMeaningSpec"/>.
/// </summary>
public sealed class SpeculatorActorSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);
    private readonly ScriptedKnowledgeSource _source = new();
    private readonly TestProbe _jobs;
    private IActorRef _speculator = ActorRefs.Nobody;

    public SpeculatorActorSpec()
        : base(TestConfigs.TestSchedulerConfig)
    {
        _jobs = CreateTestProbe("jobs");
        Sys.EventStream.Subscribe(_jobs.Ref, typeof(SpeculatorActor.JobChanged));
    }

    private static SpeculationSettings Settings { get; } = EngineSettings.Reference.Speculation with
    {
        Debounce = Debounce,
        MinContentWords = 2,
        MaxInFlight = 2,
        Deadline = TimeSpan.FromSeconds(3),
        LastWordStable = true,
        ReuseRule = SpeculationReuseRule.StopwordExtension,
    };

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private IActorRef Speculator(SpeculationSettings? settings = null)
    {
        _speculator = Sys.ActorOf(SpeculatorActor.Props(settings ?? Settings, _source));
        return _speculator;
    }

    /// <summary>Returns once the actor has handled everything sent to it before.</summary>
    private async Task SettledAsync() => await _speculator.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));

    private async Task AdvanceAsync(TimeSpan by)
    {
        await SettledAsync();
        Clock.Advance(by);
        await SettledAsync();
    }

    private async Task PartialAsync(string text, long turn = 1)
    {
        _speculator.Tell(new SpeculatorActor.PartialSeen(turn, text));
        await SettledAsync();
    }

    /// <summary>Sends a partial, lets the debounce pass and returns the query it started.</summary>
    private async Task<ScriptedQuery> SpeculateAsync(string text, long turn = 1)
    {
        await PartialAsync(text, turn);
        await AdvanceAsync(Debounce);
        await ExpectJobAsync(JobChange.Started);
        return await _source.NextAsync();
    }

    private async Task<SpeculatorActor.JobChanged> ExpectJobAsync(JobChange change) =>
        (SpeculatorActor.JobChanged)await _jobs.FishForMessageAsync(m => m is SpeculatorActor.JobChanged c && c.Change == change);

    /// <summary>Completes a query and waits until the actor has taken its result.</summary>
    private async Task<KnowledgeResult> CompleteAsync(ScriptedQuery query, params string[] documents)
    {
        var result = query.Complete(documents);
        await ExpectJobAsync(JobChange.Succeeded);
        return result;
    }

    private async Task AssertNoJobStartedAsync()
    {
        await SettledAsync();
        while (_jobs.HasMessages)
        {
            var change = await _jobs.ExpectMsgAsync<SpeculatorActor.JobChanged>();
            Assert.NotEqual(JobChange.Started, change.Change);
        }
    }

    private void Final(string transcript, long turn = 1) => _speculator.Tell(new SpeculatorActor.FinalSeen(turn, transcript, TestActor));

    [Fact]
    public async Task A_partial_should_start_a_job_only_after_the_debounce_without_newer_partials()
    {
        Speculator();
        await PartialAsync("vacation days");
        await AdvanceAsync(TimeSpan.FromMilliseconds(100));
        await PartialAsync("vacation days per");
        await AdvanceAsync(TimeSpan.FromMilliseconds(100));
        await AssertNoJobStartedAsync();
        Assert.Equal(0, _source.Calls);

        await AdvanceAsync(TimeSpan.FromMilliseconds(50));
        var started = await ExpectJobAsync(JobChange.Started);
        var query = await _source.NextAsync();
        Assert.Equal("vacation days per", query.Question);
        Assert.False(query.Partial);
        Assert.Equal("vacation days per", started.Prefix);
        Assert.True(started.Speculative);
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task A_prefix_with_too_few_content_words_should_start_no_job()
    {
        Speculator();
        await PartialAsync("how many");
        await AdvanceAsync(Debounce);
        await AssertNoJobStartedAsync();
        Assert.Equal(0, _source.Calls);

        var query = await SpeculateAsync("how many vacation");
        Assert.Equal("how many vacation", query.Question);
    }

    [Fact]
    public async Task An_unstable_last_word_should_be_left_out_of_the_prefix_and_passed_as_partial()
    {
        Speculator(Settings with { LastWordStable = false });
        await PartialAsync("how many vacation da");
        await AdvanceAsync(Debounce);
        var started = await ExpectJobAsync(JobChange.Started);
        var query = await _source.NextAsync();
        Assert.Equal("how many vacation", started.Prefix);
        Assert.Equal("how many vacation da", query.Question);
        Assert.True(query.Partial);

        // "how many vacation day" has the same stable prefix: no second job.
        await PartialAsync("how many vacation day");
        await AdvanceAsync(Debounce);
        await AssertNoJobStartedAsync();
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task Under_a_text_rule_at_most_max_in_flight_jobs_should_run_and_the_oldest_should_be_cancelled_for_a_new_one()
    {
        Speculator();
        var first = await SpeculateAsync("vacation days");
        var second = await SpeculateAsync("vacation days carry");
        Assert.False(first.Token.IsCancellationRequested);

        var third = await SpeculateAsync("vacation days carry over");
        Assert.True(first.Token.IsCancellationRequested);
        Assert.False(second.Token.IsCancellationRequested);
        Assert.False(third.Token.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Task);
    }

    [Fact]
    public async Task Under_a_text_rule_a_job_whose_prefix_the_newest_partial_no_longer_starts_with_should_be_cancelled_at_once_as_it_can_never_be_reused()
    {
        Speculator();
        var query = await SpeculateAsync("vacation days carry");
        await PartialAsync("vacation day scary stories");
        Assert.True(query.Token.IsCancellationRequested);
        Assert.Equal("vacation days carry", (await ExpectJobAsync(JobChange.Cancelled)).Prefix);

        Final("vacation days carry");
        var fresh = await _source.NextAsync();
        Assert.Equal("vacation days carry", fresh.Question);
        await CompleteAsync(fresh, "a.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.False(ready.Reused);
        Assert.Equal(new SpeculationStats(1, 1, 0, 0, 0, true), ready.Stats);
    }

    [Fact]
    public async Task A_final_equal_to_a_finished_prefix_should_reuse_its_result_without_a_new_query()
    {
        Speculator(Settings with { ReuseRule = SpeculationReuseRule.Normalized });
        var query = await SpeculateAsync("how many vacation days");
        await AdvanceAsync(TimeSpan.FromMilliseconds(200));
        var result = await CompleteAsync(query, "handbook/vacation.md");
        await AdvanceAsync(TimeSpan.FromMilliseconds(300));

        Final("How many vacation days?");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.Equal(1, ready.TurnId);
        Assert.True(ready.Reused);
        Assert.Same(result, ready.Result);
        // The job ran from t=150 to t=350 ms: a fresh query of that length after the final transcript is what was saved.
        Assert.Equal(new SpeculationStats(Started: 1, Cancelled: 0, Reused: 1, Wasted: 0, SavedMs: 200, FreshQuery: false), ready.Stats);
        await SettledAsync();
        Assert.Equal(1, _source.Calls);
        Assert.True(_source.NoneWaiting);
    }

    [Fact]
    public async Task A_final_with_an_extra_content_word_should_query_afresh_and_count_the_speculation_wasted()
    {
        Speculator();
        var query = await SpeculateAsync("how many vacation days");
        await CompleteAsync(query, "handbook/vacation.md");

        Final("how many vacation days do contractors get");
        var fresh = await _source.NextAsync();
        Assert.Equal("how many vacation days do contractors get", fresh.Question);
        Assert.False(fresh.Partial);
        var result = await CompleteAsync(fresh, "handbook/contractors.md");

        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.False(ready.Reused);
        Assert.Same(result, ready.Result);
        Assert.Equal(new SpeculationStats(Started: 1, Cancelled: 0, Reused: 0, Wasted: 1, SavedMs: 0, FreshQuery: true), ready.Stats);
    }

    [Fact]
    public async Task A_running_job_that_answers_the_final_should_be_awaited_not_restarted()
    {
        Speculator();
        var query = await SpeculateAsync("how many vacation days");
        await AdvanceAsync(TimeSpan.FromMilliseconds(100));
        Final("how many vacation days");
        await SettledAsync();
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.False(query.Token.IsCancellationRequested);
        Assert.Equal(1, _source.Calls);

        await AdvanceAsync(TimeSpan.FromMilliseconds(400));
        var result = query.Complete("handbook/vacation.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Same(result, ready.Result);
        // Started at t=150, final at t=250: the 100 ms it had already run are saved.
        Assert.Equal(new SpeculationStats(Started: 1, Cancelled: 0, Reused: 1, Wasted: 0, SavedMs: 100, FreshQuery: false), ready.Stats);
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task An_awaited_job_that_fails_should_be_replaced_by_a_fresh_query()
    {
        Speculator();
        var query = await SpeculateAsync("how many vacation days");
        Final("how many vacation days");
        await SettledAsync();
        query.Fail("index closed");
        await ExpectJobAsync(JobChange.Failed);

        var fresh = await _source.NextAsync();
        Assert.Equal("how many vacation days", fresh.Question);
        await CompleteAsync(fresh, "handbook/vacation.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.False(ready.Reused);
        Assert.Equal(new SpeculationStats(Started: 1, Cancelled: 0, Reused: 0, Wasted: 1, SavedMs: 0, FreshQuery: true), ready.Stats);
    }

    [Fact]
    public async Task The_stats_should_count_every_job_exactly_once()
    {
        Speculator();
        var a = await SpeculateAsync("vacation days");                  // t=150
        var b = await SpeculateAsync("vacation days carry");            // t=300
        var c = await SpeculateAsync("vacation days carry over");       // t=450: a cancelled (limit 2)
        Assert.True(a.Token.IsCancellationRequested);
        await AdvanceAsync(TimeSpan.FromMilliseconds(50));
        await CompleteAsync(b, "b.md");                                 // t=500: finished, later unused
        await AdvanceAsync(TimeSpan.FromMilliseconds(100));

        Final("vacation days carry over");                              // t=600: c still running → awaited
        await SettledAsync();
        await AdvanceAsync(TimeSpan.FromMilliseconds(100));
        c.Complete("c.md");                                             // t=700

        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Equal("c.md", ready.Result.Passages[0].Document);
        Assert.Equal(new SpeculationStats(Started: 3, Cancelled: 1, Reused: 1, Wasted: 1, SavedMs: 150, FreshQuery: false), ready.Stats);
        Assert.Equal(ready.Stats.Started, ready.Stats.Cancelled + ready.Stats.Reused + ready.Stats.Wasted);
        Assert.Equal(3, _source.Calls);
    }

    [Fact]
    public async Task Cancel_turn_should_cancel_every_running_job_and_report_them()
    {
        Speculator();
        var first = await SpeculateAsync("vacation days");
        var second = await SpeculateAsync("vacation days carry");
        _speculator.Tell(new SpeculatorActor.CancelTurn(1));

        var cancelled = await ExpectMsgAsync<SpeculatorActor.Cancelled>();
        Assert.Equal(new SpeculationStats(Started: 2, Cancelled: 2, Reused: 0, Wasted: 0, SavedMs: 0, FreshQuery: false), cancelled.Stats);
        Assert.True(first.Token.IsCancellationRequested);
        Assert.True(second.Token.IsCancellationRequested);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Cancel_turn_during_the_final_query_should_cancel_it_and_send_no_answer()
    {
        Speculator();
        Final("what is the warranty period");
        var fresh = await _source.NextAsync();
        _speculator.Tell(new SpeculatorActor.CancelTurn(1), CreateTestProbe().Ref);
        await SettledAsync();
        Assert.True(fresh.Token.IsCancellationRequested);
        await AdvanceAsync(TimeSpan.FromSeconds(5));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_source_slower_than_the_deadline_should_yield_a_failure_for_the_fallback()
    {
        Speculator();
        Final("what is the warranty period");
        var fresh = await _source.NextAsync();
        await AdvanceAsync(TimeSpan.FromMilliseconds(2999));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        await AdvanceAsync(TimeSpan.FromMilliseconds(1));
        var failed = await ExpectMsgAsync<SpeculatorActor.Failed>();
        Assert.Equal("knowledge source too slow", failed.Reason);
        Assert.Equal(new SpeculationStats(0, 0, 0, 0, 0, true), failed.Stats);
        Assert.True(fresh.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task A_failing_source_should_yield_a_failure_with_its_reason()
    {
        Speculator();
        Final("what is the warranty period");
        (await _source.NextAsync()).Fail("backend answered 500");
        var failed = await ExpectMsgAsync<SpeculatorActor.Failed>();
        Assert.Equal("backend answered 500", failed.Reason);
    }

    [Fact]
    public async Task A_final_that_adds_only_stop_words_should_reuse_under_the_stopword_extension_rule()
    {
        Speculator();
        var query = await SpeculateAsync("vacation days");
        var result = await CompleteAsync(query, "handbook/vacation.md");

        // Only stop words added: no second job for the longer partial.
        await PartialAsync("vacation days do i have");
        await AdvanceAsync(Debounce);
        await AssertNoJobStartedAsync();

        Final("Vacation days, do I have?");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Same(result, ready.Result);
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task A_final_that_adds_only_stop_words_should_be_queried_afresh_under_the_normalized_rule()
    {
        Speculator(Settings with { ReuseRule = SpeculationReuseRule.Normalized });
        var query = await SpeculateAsync("vacation days");
        await CompleteAsync(query, "handbook/vacation.md");

        Final("vacation days do i have");
        var fresh = await _source.NextAsync();
        Assert.Equal("vacation days do i have", fresh.Question);
        await CompleteAsync(fresh, "handbook/vacation.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.False(ready.Reused);
        Assert.Equal(new SpeculationStats(1, 0, 0, 1, 0, true), ready.Stats);
    }

    [Fact]
    public async Task Same_top_k_should_run_the_final_query_and_reuse_the_speculation_when_the_documents_agree()
    {
        Speculator(Settings with { ReuseRule = SpeculationReuseRule.SameTopK, CompareTopK = 2 });
        var query = await SpeculateAsync("vacation days");
        var speculative = await CompleteAsync(query, "a.md", "b.md", "x.md");

        Final("vacation days for contractors");
        var fresh = await _source.NextAsync();
        Assert.Equal("vacation days for contractors", fresh.Question);
        await CompleteAsync(fresh, "b.md", "a.md", "y.md");

        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Same(speculative, ready.Result);
        // The comparison with the fresh result is a verification, and it agreed.
        Assert.Equal(new SpeculationStats(Started: 1, Cancelled: 0, Reused: 1, Wasted: 0, SavedMs: 0, FreshQuery: true, Verified: 1, Agreed: 1), ready.Stats);
    }

    [Fact]
    public async Task Same_top_k_should_answer_with_the_fresh_result_when_the_documents_differ()
    {
        Speculator(Settings with { ReuseRule = SpeculationReuseRule.SameTopK, CompareTopK = 2 });
        var query = await SpeculateAsync("vacation days");
        await CompleteAsync(query, "a.md", "b.md");

        Final("vacation days for contractors");
        var fresh = await _source.NextAsync();
        var result = await CompleteAsync(fresh, "a.md", "contractors.md");

        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.False(ready.Reused);
        Assert.Same(result, ready.Result);
        Assert.Equal(new SpeculationStats(1, 0, 0, 1, 0, true), ready.Stats);
    }

    [Fact]
    public async Task A_final_before_any_partial_should_be_queried_at_once()
    {
        Speculator();
        Final("what is the warranty period", turn: 7);
        var fresh = await _source.NextAsync();
        Assert.Equal("what is the warranty period", fresh.Question);
        await CompleteAsync(fresh, "warranty.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.Equal(7, ready.TurnId);
        Assert.Equal(new SpeculationStats(0, 0, 0, 0, 0, true), ready.Stats);
    }

    [Fact]
    public async Task Disabled_speculation_should_start_no_job_on_partials()
    {
        Speculator(Settings with { Enabled = false });
        await PartialAsync("how many vacation days");
        await AdvanceAsync(Debounce);
        await AssertNoJobStartedAsync();

        Final("how many vacation days");
        await CompleteAsync(await _source.NextAsync(), "handbook/vacation.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.False(ready.Reused);
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task A_new_turn_should_cancel_the_jobs_of_a_turn_that_never_got_its_final()
    {
        Speculator();
        var old = await SpeculateAsync("vacation days", turn: 1);
        var current = await SpeculateAsync("warranty period", turn: 2);
        Assert.True(old.Token.IsCancellationRequested);
        Assert.False(current.Token.IsCancellationRequested);

        Final("warranty period", turn: 2);
        await SettledAsync();
        current.Complete("warranty.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.Equal(2, ready.TurnId);
        Assert.True(ready.Reused);
        Assert.Equal(1, ready.Stats.Started);
    }

    [Fact]
    public async Task An_empty_final_transcript_should_fail_at_once()
    {
        Speculator();
        Final("  ...  ");
        var failed = await ExpectMsgAsync<SpeculatorActor.Failed>();
        Assert.Equal("the final transcript is empty", failed.Reason);
        Assert.Equal(0, _source.Calls);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }

        base.Dispose(disposing);
    }
}
