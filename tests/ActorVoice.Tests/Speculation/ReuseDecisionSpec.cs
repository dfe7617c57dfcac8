using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation;
using ActorVoice.Engine.Speculation.Judging;

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

    private static QuestionMeaning Meaning(string text, params string[] documents) =>
        QuestionMeaning.OfWords(text) with { Documents = documents };

    [Fact]
    public void A_finished_result_holding_the_questions_top_document_should_cover_it_whatever_its_text_meant()
    {
        var turn = new TurnSpeculation(1, _ => { });
        var early = Add(turn, "how many", SpeculationJobState.Succeeded);
        early.Result = Result(null, "benefits.md", "vacation.md", "sick-leave.md");
        var rule = Rule(SpeculationReuseRule.Meaning);

        Assert.True(rule.ResultCovers(early, Meaning("how many vacation days", "vacation.md")));
        Assert.False(rule.ResultCovers(early, Meaning("what is the warranty", "warranty.md")));
        Assert.Same(early, rule.Candidate(turn, Words("how many vacation days"), Meaning("how many vacation days", "vacation.md")));
    }

    [Fact]
    public void Result_cover_should_need_a_finished_job_documents_and_the_meaning_rule()
    {
        var turn = new TurnSpeculation(1, _ => { });
        var running = Add(turn, "how many");
        var finished = Add(turn, "how many days", SpeculationJobState.Succeeded);
        finished.Result = Result(null, "vacation.md");
        var question = Meaning("how many vacation days", "vacation.md");

        Assert.False(Rule(SpeculationReuseRule.Meaning).ResultCovers(running, question));
        Assert.False(Rule(SpeculationReuseRule.Meaning).ResultCovers(finished, Meaning("how many vacation days")));
        Assert.False(Rule(SpeculationReuseRule.StopwordExtension).ResultCovers(finished, question));
    }

    [Fact]
    public void A_result_with_the_backends_own_answer_should_cover_only_when_that_document_comes_first()
    {
        var turn = new TurnSpeculation(1, _ => { });
        var job = Add(turn, "how many", SpeculationJobState.Succeeded);
        job.Result = Result("Twenty-five days.", "benefits.md", "vacation.md");
        var rule = Rule(SpeculationReuseRule.Meaning);

        Assert.False(rule.ResultCovers(job, Meaning("how many vacation days", "vacation.md")));
        Assert.True(rule.ResultCovers(job, Meaning("what benefits", "benefits.md")));
    }

    [Fact]
    public void Focus_should_put_the_questions_top_document_first_and_keep_the_rest_in_order()
    {
        var result = Result(null, "benefits.md", "vacation.md", "sick-leave.md", "vacation.md");

        var focused = ReuseDecision.Focus(result, Meaning("how many vacation days", "vacation.md"));

        Assert.Equal(["vacation.md", "vacation.md", "benefits.md", "sick-leave.md"], focused.Passages.Select(p => p.Document));
        Assert.Equal([1, 3, 0, 2], focused.Passages.Select(p => p.Chunk));
    }

    [Fact]
    public void Focus_should_leave_a_result_unchanged_when_nothing_is_to_move()
    {
        var result = Result(null, "vacation.md", "benefits.md");
        var answered = Result("Twenty-five days.", "benefits.md", "vacation.md");

        Assert.Same(result, ReuseDecision.Focus(result, Meaning("vacation", "vacation.md")));
        Assert.Same(result, ReuseDecision.Focus(result, Meaning("warranty", "warranty.md")));
        Assert.Same(result, ReuseDecision.Focus(result, null));
        Assert.Same(answered, ReuseDecision.Focus(answered, Meaning("vacation", "vacation.md")));
    }

    [Fact]
    public void With_the_questions_best_passages_known_a_result_should_cover_it_only_when_it_holds_the_best_one()
    {
        var turn = new TurnSpeculation(1, _ => { });
        var job = Add(turn, "how many weeks of", SpeculationJobState.Succeeded);
        job.Result = Result(null, "parental-leave.md", "benefits.md");   // chunks 0 and 1
        var rule = Rule(SpeculationReuseRule.Meaning);
        var needsChunkTwo = Meaning("how many weeks of parental leave", "parental-leave.md") with { Passages = [new PassageRef("parental-leave.md", 2)] };
        var needsChunkZero = Meaning("how many weeks of parental leave", "parental-leave.md") with { Passages = [new PassageRef("parental-leave.md", 0)] };

        Assert.False(rule.ResultCovers(job, needsChunkTwo));
        Assert.True(rule.ResultCovers(job, needsChunkZero));
    }

    [Fact]
    public void Focus_should_put_the_questions_best_passages_first_in_their_order_then_its_document_then_the_rest()
    {
        var result = new KnowledgeResult(
            "q",
            [
                new KnowledgePassage("parental-leave.md", 0, "h", "intro", 9),
                new KnowledgePassage("benefits.md", 4, "h", "benefits", 8),
                new KnowledgePassage("parental-leave.md", 3, "h", "twenty weeks", 7),
                new KnowledgePassage("parental-leave.md", 5, "h", "second parent", 6),
            ],
            null,
            TimeSpan.Zero);
        var meaning = Meaning("how many weeks does the main caregiver get", "parental-leave.md") with
        {
            Passages = [new PassageRef("parental-leave.md", 3), new PassageRef("parental-leave.md", 5)],
        };

        var focused = ReuseDecision.Focus(result, meaning);

        Assert.Equal(["twenty weeks", "second parent", "intro", "benefits"], focused.Passages.Select(p => p.Text));
    }

    [Fact]
    public void A_held_answer_should_stand_when_its_first_passage_is_among_the_final_questions_best_passages()
    {
        KnowledgeResult First(string document, int chunk) =>
            new("q", [new KnowledgePassage(document, chunk, "h", "t", 9), new KnowledgePassage("benefits.md", 4, "h", "b", 8)], null, TimeSpan.Zero);
        var final = Meaning("how many weeks does the main caregiver get", "parental-leave.md") with
        {
            Passages = [new PassageRef("parental-leave.md", 3), new PassageRef("parental-leave.md", 5)],
        };
        var focused = First("parental-leave.md", 3);

        Assert.True(ReuseDecision.StillAnswers(First("parental-leave.md", 3), focused, final));
        Assert.True(ReuseDecision.StillAnswers(First("parental-leave.md", 5), focused, final));
        Assert.False(ReuseDecision.StillAnswers(First("parental-leave.md", 0), focused, final));
        Assert.False(ReuseDecision.StillAnswers(First("benefits.md", 3), focused, final));
        Assert.True(ReuseDecision.StillAnswers(First("parental-leave.md", 3), focused, Meaning("q", "parental-leave.md")));
        Assert.False(ReuseDecision.StillAnswers(First("parental-leave.md", 3), focused, Meaning("q", "benefits.md")));
        Assert.False(ReuseDecision.StillAnswers(First("parental-leave.md", 5), focused, null));
    }

    [Fact]
    public void The_preliminary_should_be_reused_when_its_held_answer_still_answers_though_another_result_holds_the_best_passage()
    {
        var turn = new TurnSpeculation(1, _ => { });
        KnowledgeResult Passages(params (string Document, int Chunk)[] passages) =>
            new("q", passages.Select((p, i) => new KnowledgePassage(p.Document, p.Chunk, "h", "t", 10 - i)).ToList(), null, TimeSpan.Zero);
        var preliminary = Add(turn, "how many weeks does the main", SpeculationJobState.Succeeded);
        preliminary.Result = Passages(("parental-leave.md", 5), ("benefits.md", 1));
        var later = Add(turn, "how many weeks does the main caregiver", SpeculationJobState.Succeeded);
        later.Result = Passages(("parental-leave.md", 3), ("parental-leave.md", 5));
        turn.Preliminary = preliminary;
        turn.PreliminaryResult = preliminary.Result;
        var rule = Rule(SpeculationReuseRule.Meaning);
        var question = Meaning("how many weeks does the main caregiver get", "parental-leave.md");

        Assert.Same(preliminary, rule.Candidate(turn, Words(question.Text), question with { Passages = [new("parental-leave.md", 3), new("parental-leave.md", 5)] }));
        Assert.Same(later, rule.Candidate(turn, Words(question.Text), question with { Passages = [new("parental-leave.md", 3), new("parental-leave.md", 0)] }));
    }

    [Fact]
    public void A_finished_job_meaning_the_same_should_not_be_reused_when_its_result_misses_the_questions_top_document()
    {
        var rule = new ReuseDecision(EngineSettings.Reference.Speculation with { ReuseRule = SpeculationReuseRule.Meaning }, new TopicReuseJudge());
        var judge = new TopicReuseJudge();
        var turn = new TurnSpeculation(1, _ => { });
        var job = Add(turn, "vacation days", SpeculationJobState.Succeeded);
        job.Meaning = judge.Understand(job.Key);
        var question = judge.Understand("how many vacation days");

        job.Result = Result(null, "benefits.md", "sick-leave.md");
        Assert.Null(rule.Candidate(turn, Words("how many vacation days"), question));

        job.Result = Result(null, "benefits.md", question.Documents[0]);
        Assert.Same(job, rule.Candidate(turn, Words("how many vacation days"), question));
    }

    [Fact]
    public void A_finished_job_meaning_the_same_should_not_be_reused_when_its_result_misses_the_questions_best_passage()
    {
        var rule = new ReuseDecision(EngineSettings.Reference.Speculation with { ReuseRule = SpeculationReuseRule.Meaning }, new TopicReuseJudge());
        var judge = new TopicReuseJudge();
        var turn = new TurnSpeculation(1, _ => { });
        var job = Add(turn, "vacation days", SpeculationJobState.Succeeded);
        job.Meaning = judge.Understand(job.Key);
        var question = judge.Understand("how many vacation days") with { Passages = [new PassageRef("vacation.md", 3), new PassageRef("benefits.md", 1)] };
        KnowledgeResult Passages(params (string Document, int Chunk)[] passages) =>
            new("q", passages.Select((p, i) => new KnowledgePassage(p.Document, p.Chunk, "h", "t", 10 - i)).ToList(), null, TimeSpan.Zero);

        job.Result = Passages(("vacation.md", 0), ("benefits.md", 1));
        Assert.Null(rule.Candidate(turn, Words("how many vacation days"), question));

        job.Result = Passages(("benefits.md", 1), ("vacation.md", 3));
        Assert.Same(job, rule.Candidate(turn, Words("how many vacation days"), question));
    }
}
