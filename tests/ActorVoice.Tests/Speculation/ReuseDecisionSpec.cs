using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation;

namespace ActorVoice.Tests.Speculation;

/// <summary>The reuse rules without the actor: which speculative job may answer the final transcript.</summary>
public class ReuseDecisionSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private long _ids;

    private static ReuseDecision Rule(SpeculationReuseRule rule) => new(EngineSettings.Reference.Speculation with { ReuseRule = rule, CompareTopK = 2 });

    private static IReadOnlyList<string> Words(string text) => SpeculationText.Words(text);

    private SpeculationJob Add(TurnSpeculation turn, string text, SpeculationJobState state = SpeculationJobState.Running)
    {
        var job = new SpeculationJob(++_ids, turn.Id, Words(text), true, T0, new CancellationTokenSource()) { State = state };
        turn.Add(job);
        return job;
    }

    private static KnowledgeResult Result(string? answer, params string[] documents) =>
        new("q", documents.Select((d, i) => new KnowledgePassage(d, i, "h", "text", 10 - i)).ToList(), answer, TimeSpan.Zero);

    [Fact]
    public void Normalized_should_reuse_only_the_same_text()
    {
        var turn = new TurnSpeculation(1, _ => { });
        var same = Add(turn, "How many vacation days?");
        Add(turn, "how many vacation");

        Assert.Same(same, Rule(SpeculationReuseRule.Normalized).Candidate(turn, Words("how many vacation days")));
        Assert.Null(Rule(SpeculationReuseRule.Normalized).Candidate(turn, Words("how many vacation days do i get")));
    }

    [Fact]
    public void Stopword_extension_should_reuse_a_prefix_followed_by_stop_words_only()
    {
        var turn = new TurnSpeculation(1, _ => { });
        var prefix = Add(turn, "how many vacation days");
        var rule = Rule(SpeculationReuseRule.StopwordExtension);

        Assert.Same(prefix, rule.Candidate(turn, Words("how many vacation days do i")));
        Assert.Null(rule.Candidate(turn, Words("how many vacation days in spain")));
    }

    [Fact]
    public void The_longest_live_prefix_should_be_chosen_and_a_finished_one_before_a_running_one()
    {
        var turn = new TurnSpeculation(1, _ => { });
        Add(turn, "how many");
        Add(turn, "how many vacation days", SpeculationJobState.Cancelled);
        var running = Add(turn, "how many vacation");
        var finished = Add(turn, "how many vacancy", SpeculationJobState.Succeeded);
        var rule = Rule(SpeculationReuseRule.SameTopK);

        Assert.Same(running, rule.Candidate(turn, Words("how many vacation days")));
        Assert.Same(finished, rule.Candidate(turn, Words("how many vacancy days")));
    }

    [Fact]
    public void A_prefix_a_live_job_answers_already_should_start_no_new_job()
    {
        var turn = new TurnSpeculation(1, _ => { });
        Add(turn, "vacation days");
        Add(turn, "sick leave rules", SpeculationJobState.Cancelled);

        Assert.True(Rule(SpeculationReuseRule.Normalized).AlreadyCovered(turn, Words("Vacation days")));
        Assert.False(Rule(SpeculationReuseRule.Normalized).AlreadyCovered(turn, Words("vacation days do")));
        Assert.True(Rule(SpeculationReuseRule.StopwordExtension).AlreadyCovered(turn, Words("vacation days do")));
        Assert.False(Rule(SpeculationReuseRule.StopwordExtension).AlreadyCovered(turn, Words("sick leave rules")));
    }

    [Fact]
    public void Results_should_agree_on_the_same_top_documents_or_without_documents_on_the_same_answer()
    {
        var rule = Rule(SpeculationReuseRule.SameTopK);

        Assert.True(rule.Agree(Result(null, "a.md", "b.md", "c.md"), Result(null, "b.md", "a.md", "d.md")));
        Assert.False(rule.Agree(Result(null, "a.md", "c.md"), Result(null, "a.md", "b.md")));
        Assert.True(rule.Agree(Result(" Two years. "), Result("Two years.")));
        Assert.False(rule.Agree(Result("Two years."), Result("Three years.")));
    }

    [Fact]
    public void The_saved_time_should_be_the_query_time_passed_when_the_final_transcript_arrived()
    {
        var job = new SpeculationJob(1, 1, Words("vacation days"), true, T0, new CancellationTokenSource());

        Assert.Equal(300, ReuseDecision.SavedMs(T0.AddMilliseconds(300), job));
        job.CompletedAt = T0.AddMilliseconds(120.04);
        Assert.Equal(120, ReuseDecision.SavedMs(T0.AddMilliseconds(300), job));
        Assert.Equal(0, ReuseDecision.SavedMs(T0.AddMilliseconds(-10), job));
    }

    [Fact]
    public void Meaning_should_prefer_the_preliminary_job_then_a_finished_one_among_the_jobs_that_answer()
    {
        var rule = new ReuseDecision(EngineSettings.Reference.Speculation with { ReuseRule = SpeculationReuseRule.Meaning }, new TopicReuseJudge());
        var turn = new TurnSpeculation(1, _ => { });
        var judge = new TopicReuseJudge();
        SpeculationJob Judged(string text, SpeculationJobState state = SpeculationJobState.Running)
        {
            var job = Add(turn, text, state);
            job.Meaning = judge.Understand(job.Key);
            return job;
        }

        var running = Judged("how many vacation days do i get");
        var finished = Judged("vacation days", SpeculationJobState.Succeeded);
        var preliminary = Judged("holiday please", SpeculationJobState.Succeeded);
        Judged("warranty period", SpeculationJobState.Succeeded);
        var question = new TopicReuseJudge().Understand("how manny vacation days");

        Assert.Same(finished, rule.Candidate(turn, Words("how manny vacation days"), question));
        turn.Preliminary = preliminary;
        Assert.Same(preliminary, rule.Candidate(turn, Words("how manny vacation days"), question));
        Assert.Null(rule.Candidate(turn, Words("contractors"), new TopicReuseJudge().Understand("contractors")));
        Assert.NotNull(running);
    }

    [Fact]
    public void Verification_should_agree_when_each_top_document_is_among_the_other_top_documents()
    {
        var rule = Rule(SpeculationReuseRule.Meaning);

        Assert.True(rule.Verify(Result(null, "a.md", "b.md"), Result(null, "b.md", "a.md")));
        Assert.False(rule.Verify(Result(null, "a.md", "b.md"), Result(null, "c.md", "a.md")));
        Assert.True(rule.Verify(Result("Two years."), Result(" Two years. ")));
        Assert.False(rule.Verify(Result("Two years."), Result(null, "a.md")));
    }
}
