using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Configs;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation;

namespace ActorVoice.Tests.Speculation;

/// <summary>
/// The speculator under the <c>meaning</c> rule (the default) on virtual time: jobs judged by what they ask about
/// (<see cref="TopicReuseJudge"/>), preliminary answers to a closed question, and verification.
/// </summary>
public sealed class SpeculatorMeaningSpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);
    private readonly ScriptedKnowledgeSource _source = new();
    private readonly TestProbe _jobs;
    private IActorRef _speculator = ActorRefs.Nobody;

    public SpeculatorMeaningSpec()
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
        ReuseRule = SpeculationReuseRule.Meaning,
        Verify = false,
    };

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private void Speculator(SpeculationSettings? settings = null, bool inlineJudge = true) =>
        _speculator = Sys.ActorOf(SpeculatorActor.Props(settings ?? Settings, _source, new TopicReuseJudge(inlineJudge)));

    private async Task SettledAsync() => await _speculator.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));

    private async Task AdvanceAsync(TimeSpan by)
    {
        await SettledAsync();
        Clock.Advance(by);
        await SettledAsync();
    }

    private async Task PartialAsync(string text)
    {
        _speculator.Tell(new SpeculatorActor.PartialSeen(1, text));
        await SettledAsync();
    }

    /// <summary>Sends a partial, lets the debounce pass and returns the job it started and its query.</summary>
    private async Task<(long JobId, ScriptedQuery Query)> SpeculateAsync(string text)
    {
        await PartialAsync(text);
        await AdvanceAsync(Debounce);
        var started = await ExpectJobAsync(JobChange.Started);
        return (started.JobId, await _source.NextAsync());
    }

    private async Task<SpeculatorActor.JobChanged> ExpectJobAsync(JobChange change) =>
        (SpeculatorActor.JobChanged)await _jobs.FishForMessageAsync(m => m is SpeculatorActor.JobChanged c && c.Change == change);

    private async Task<KnowledgeResult> CompleteAsync(ScriptedQuery query, params string[] documents)
    {
        var result = query.Complete(documents);
        await ExpectJobAsync(JobChange.Succeeded);
        return result;
    }

    private void Final(string transcript) => _speculator.Tell(new SpeculatorActor.FinalSeen(1, transcript, TestActor));

    private void Close(string text) => _speculator.Tell(new SpeculatorActor.QuestionClosed(1, text, TestActor));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_job_on_an_early_partial_should_survive_a_rewrite_of_an_earlier_word_and_be_reused_when_the_final_means_the_same(bool inlineJudge)
    {
        Speculator(inlineJudge: inlineJudge);
        var (jobId, query) = await SpeculateAsync("how many vacation days");

        // The recognizer rewrote "many": same topic, so the job keeps going and no second job starts.
        await PartialAsync("how manny vacation days off");
        await AdvanceAsync(Debounce);
        Assert.False(query.Token.IsCancellationRequested);

        Final("How manny vacation days off?");
        await SettledAsync();
        var result = query.Complete("vacation.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Same(result, ready.Result);
        Assert.Equal(jobId, ready.JobId);
        Assert.Equal(new SpeculationStats(Started: 1, Cancelled: 0, Reused: 1, Wasted: 0, SavedMs: 150, FreshQuery: false), ready.Stats);
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task A_final_that_asks_something_else_should_not_reuse_but_query_afresh()
    {
        Speculator();
        var (jobId, query) = await SpeculateAsync("how many vacation days");
        await CompleteAsync(query, "vacation.md");

        Final("how many days off do contractors get");
        var fresh = await ExpectJobAsync(JobChange.Started);
        Assert.False(fresh.Speculative);
        var freshQuery = await _source.NextAsync();
        Assert.Equal("how many days off do contractors get", freshQuery.Question);
        var result = await CompleteAsync(freshQuery, "contractors.md");

        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.False(ready.Reused);
        Assert.Same(result, ready.Result);
        Assert.Equal(fresh.JobId, ready.JobId);
        Assert.NotEqual(jobId, ready.JobId);
        Assert.Equal(new SpeculationStats(Started: 1, Cancelled: 0, Reused: 0, Wasted: 1, SavedMs: 0, FreshQuery: true), ready.Stats);
    }

    [Fact]
    public async Task At_the_limit_the_least_informative_job_should_be_cancelled_not_the_one_most_likely_reused()
    {
        Speculator();
        var (_, narrow) = await SpeculateAsync("vacation days");                          // 2 content words
        var (_, broad) = await SpeculateAsync("vacation days for contractors");           // 3, another meaning
        var (_, other) = await SpeculateAsync("warranty period details");                 // 3, another meaning
        Assert.True(narrow.Token.IsCancellationRequested);
        Assert.False(broad.Token.IsCancellationRequested);
        Assert.False(other.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task At_the_limit_a_new_job_that_says_less_than_every_running_one_should_not_start()
    {
        Speculator();
        var (_, first) = await SpeculateAsync("vacation days for contractors");
        var (_, second) = await SpeculateAsync("warranty period for contractors");
        await PartialAsync("holiday allowance");                                        // 2 content words only
        await AdvanceAsync(Debounce);
        await SettledAsync();
        Assert.True(_source.NoneWaiting);
        Assert.Equal(2, _source.Calls);
        Assert.False(first.Token.IsCancellationRequested);
        Assert.False(second.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task A_closed_question_should_get_a_preliminary_result_at_once_and_the_final_should_confirm_it()
    {
        Speculator();
        var (jobId, query) = await SpeculateAsync("how many vacation days");
        var result = await CompleteAsync(query, "vacation.md");

        Close("how manny vacation days");
        var preliminary = await ExpectMsgAsync<SpeculatorActor.Preliminary>();
        Assert.Equal(jobId, preliminary.JobId);
        Assert.Same(result, preliminary.Result);

        Final("how many vacation days");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Equal(preliminary.JobId, ready.JobId);
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task A_closed_question_should_get_the_preliminary_result_when_the_job_that_answers_it_completes()
    {
        Speculator();
        var (jobId, query) = await SpeculateAsync("how many vacation days");
        Close("how many vacation days");
        await SettledAsync();
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        var result = query.Complete("vacation.md");
        var preliminary = await ExpectMsgAsync<SpeculatorActor.Preliminary>();
        Assert.Equal(jobId, preliminary.JobId);
        Assert.Same(result, preliminary.Result);
    }

    [Fact]
    public async Task A_closed_question_nothing_answers_should_get_no_preliminary_and_start_a_job_the_final_reuses()
    {
        Speculator();
        var (_, warranty) = await SpeculateAsync("warranty period details");
        await CompleteAsync(warranty, "warranty.md");

        Close("how many vacation days");
        await ExpectMsgAsync<SpeculatorActor.NoPreliminary>();
        var started = await ExpectJobAsync(JobChange.Started);
        Assert.Equal("how many vacation days", started.Prefix);
        var query = await _source.NextAsync();

        Final("how many vacation days");
        await SettledAsync();
        var result = query.Complete("vacation.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Equal(started.JobId, ready.JobId);
        Assert.Same(result, ready.Result);
        Assert.Equal(ready.Stats.Started, ready.Stats.Reused + ready.Stats.Cancelled + ready.Stats.Wasted);
    }

    [Fact]
    public async Task A_final_that_does_not_confirm_the_preliminary_should_answer_from_a_fresh_job()
    {
        Speculator();
        var (_, query) = await SpeculateAsync("how many vacation days");
        await CompleteAsync(query, "vacation.md");
        Close("how many vacation days");
        var preliminary = await ExpectMsgAsync<SpeculatorActor.Preliminary>();

        Final("what is the warranty period");
        var fresh = await _source.NextAsync();
        await CompleteAsync(fresh, "warranty.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.False(ready.Reused);
        Assert.NotEqual(preliminary.JobId, ready.JobId);
        Assert.Equal("warranty.md", ready.Result.Passages[0].Document);
    }

    [Fact]
    public async Task A_finished_job_that_retrieved_the_final_questions_top_document_should_answer_it_focused_on_that_document()
    {
        Speculator();
        var (jobId, query) = await SpeculateAsync("warranty period details");
        await CompleteAsync(query, "warranty.md", "vacation.md");

        Final("how many vacation days");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Equal(jobId, ready.JobId);
        Assert.Equal(["vacation.md", "warranty.md"], ready.Result.Passages.Select(p => p.Document));
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task A_job_still_running_at_the_final_should_race_the_fresh_query_and_answer_when_its_result_holds_the_top_document()
    {
        Speculator();
        var (jobId, contender) = await SpeculateAsync("warranty period details");
        await AdvanceAsync(TimeSpan.FromMilliseconds(200));

        Final("how many vacation days");
        var fresh = await ExpectJobAsync(JobChange.Started);
        Assert.False(fresh.Speculative);
        var freshQuery = await _source.NextAsync();
        Assert.False(contender.Token.IsCancellationRequested);

        await CompleteAsync(contender, "warranty.md", "vacation.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Equal(jobId, ready.JobId);
        Assert.Equal("vacation.md", ready.Result.Passages[0].Document);
        Assert.True(freshQuery.Token.IsCancellationRequested);
        Assert.Equal(new SpeculationStats(Started: 1, Cancelled: 0, Reused: 1, Wasted: 0, SavedMs: 200, FreshQuery: true), ready.Stats);
    }

    [Fact]
    public async Task A_contender_whose_result_lacks_the_top_document_should_leave_the_answer_to_the_fresh_query()
    {
        Speculator();
        var (_, contender) = await SpeculateAsync("warranty period details");
        Final("how many vacation days");
        var freshQuery = await _source.NextAsync();

        await CompleteAsync(contender, "warranty.md");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        var result = freshQuery.Complete("vacation.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.False(ready.Reused);
        Assert.Same(result, ready.Result);
        Assert.Equal(1, ready.Stats.Wasted);
    }

    [Fact]
    public async Task A_closed_question_nothing_meant_should_get_a_preliminary_from_a_job_that_then_retrieves_its_top_document()
    {
        Speculator();
        var (jobId, query) = await SpeculateAsync("warranty period details");
        Close("how many vacation days");
        await ExpectMsgAsync<SpeculatorActor.NoPreliminary>();

        await CompleteAsync(query, "warranty.md", "vacation.md");
        var preliminary = await ExpectMsgAsync<SpeculatorActor.Preliminary>();
        Assert.Equal(jobId, preliminary.JobId);
        Assert.Equal(["vacation.md", "warranty.md"], preliminary.Result.Passages.Select(p => p.Document));

        Final("how many vacation days");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.Equal(jobId, ready.JobId);
        Assert.Same(preliminary.Result, ready.Result);
    }

    [Fact]
    public async Task A_final_that_puts_another_retrieved_document_first_should_not_confirm_the_preliminary_but_answer_refocused()
    {
        Speculator();
        var (jobId, query) = await SpeculateAsync("warranty period details");
        await CompleteAsync(query, "warranty.md", "vacation.md");
        Close("warranty details");
        var preliminary = await ExpectMsgAsync<SpeculatorActor.Preliminary>();
        Assert.Equal(jobId, preliminary.JobId);
        Assert.Equal("warranty.md", preliminary.Result.Passages[0].Document);

        Final("how many vacation days");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Equal(0, ready.JobId);
        Assert.Equal("vacation.md", ready.Result.Passages[0].Document);
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task Verification_should_send_ready_without_waiting_and_report_the_agreement_when_the_fresh_result_arrives()
    {
        Speculator(Settings with { Verify = true });
        var (jobId, query) = await SpeculateAsync("how many vacation days");
        await CompleteAsync(query, "vacation.md", "benefits.md");

        Final("how many vacation days");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Equal(jobId, ready.JobId);
        Assert.Equal(new SpeculationStats(Started: 1, Cancelled: 0, Reused: 1, Wasted: 0, SavedMs: 0, FreshQuery: true, Verified: 0, Agreed: 0), ready.Stats);

        var fresh = await _source.NextAsync();
        Assert.Equal("how many vacation days", fresh.Question);
        fresh.Complete("benefits.md", "vacation.md");
        var verified = await ExpectMsgAsync<SpeculatorActor.SpeculationVerified>();
        Assert.True(verified.Agreed);
        Assert.Equal(new SpeculationStats(Started: 1, Cancelled: 0, Reused: 1, Wasted: 0, SavedMs: 0, FreshQuery: true, Verified: 1, Agreed: 1), verified.Stats);
    }

    [Fact]
    public async Task Verification_should_report_disagreement_when_the_fresh_result_has_other_top_documents()
    {
        Speculator(Settings with { Verify = true });
        var (_, query) = await SpeculateAsync("how many vacation days");
        await CompleteAsync(query, "vacation.md");

        Final("how many vacation days");
        await ExpectMsgAsync<SpeculatorActor.Ready>();
        (await _source.NextAsync()).Complete("payroll.md");
        var verified = await ExpectMsgAsync<SpeculatorActor.SpeculationVerified>();
        Assert.False(verified.Agreed);
        Assert.Equal((1, 0), (verified.Stats.Verified, verified.Stats.Agreed));
    }

    [Fact]
    public async Task Verification_done_before_the_awaited_job_should_be_in_the_ready_statistics()
    {
        Speculator(Settings with { Verify = true });
        var (_, query) = await SpeculateAsync("how many vacation days");
        Final("how many vacation days");
        var fresh = await _source.NextAsync();
        await CompleteAsync(fresh, "vacation.md");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        query.Complete("vacation.md");
        var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(ready.Reused);
        Assert.Equal((1, 1), (ready.Stats.Verified, ready.Stats.Agreed));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_other_running_job_that_answers_the_final_question_first_should_be_reused_only_when_running_jobs_race(bool race)
    {
        Speculator(Settings with { RaceRunningJobs = race, MaxInFlight = 4 });
        var (earlyId, early) = await SpeculateAsync("how many vacation days");
        var (awaitedId, awaited) = await SpeculateAsync("vacation days and the warranty period");

        Final("vacation days and the warranty period");
        await SettledAsync();
        Assert.Equal(race, !early.Token.IsCancellationRequested);
        if (!race)
        {
            var result = await CompleteAsync(awaited, "vacation.md", "warranty.md");
            var ready = await ExpectMsgAsync<SpeculatorActor.Ready>();
            Assert.Equal(awaitedId, ready.JobId);
            Assert.Same(result, ready.Result);
            return;
        }

        var first = await CompleteAsync(early, "vacation.md", "warranty.md");
        var raced = await ExpectMsgAsync<SpeculatorActor.Ready>();
        Assert.True(raced.Reused);
        Assert.Equal(earlyId, raced.JobId);
        Assert.Equal(first.Passages.Select(p => p.Document), raced.Result.Passages.Select(p => p.Document));
        Assert.True(awaited.Token.IsCancellationRequested);
        Assert.Equal(new SpeculationStats(Started: 2, Cancelled: 1, Reused: 1, Wasted: 0, SavedMs: 0, FreshQuery: false), raced.Stats with { SavedMs = 0 });
    }
}
