using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Runners;
using ActorVoice.Lab.Scripts;
using ActorVoice.Lab.Timeline;
using Xunit;

namespace ActorVoice.Lab.Tests.Runners;

public sealed class AnalyticTurnRunnerTests
{
    private const string Question = "how many vacation days do new employees get";

    // Four partials during 3 s of speech; local VAD at 300 ms, service VAD at 500 ms, final transcript at 1000 ms.
    private static readonly TurnScript Script = new()
    {
        Turn = 1,
        QuestionId = "q01",
        Question = Question,
        SpeechDurationMs = 3000,
        Partials =
        [
            new ScriptedPartial(-2000, "how many vacation", 1500),
            new ScriptedPartial(-1500, "how many vacation days", 1200),
            new ScriptedPartial(-1000, "how many vacation days do new", 2000),
            new ScriptedPartial(200, Question, 2500),
        ],
        SpeechEndLocalMs = 300,
        SpeechEndServiceMs = 500,
        FinalTranscriptMs = 1000,
        FinalText = Question,
        FinalKnowledgeLatencyMs = 2000,
        FirstAudioLatencyMs = 500,
        AnswerDurationMs = 4000,
        BridgeFirstAudioLatencyMs = 400,
        BridgeDurationMs = 1000,
    };

    private static readonly SpeculationSettings Speculation = new(DebounceMs: 100, MinWords: 3, MaxInFlight: 4, ReuseTopK: 1);
    private static readonly BridgeSettings Bridge = new(700, LatencyRange.Fixed(400), LatencyRange.Fixed(1000));

    [Fact]
    public void Sequential_retrieves_after_the_final_transcript_and_speaks_after_the_result()
    {
        var turn = Run("sequential");

        Assert.Equal(3000, turn.AnswerReadyMs);
        Assert.Equal(3000, turn.ResponseCreateMs);
        Assert.Equal(3500, turn.AnswerAudioMs);
        Assert.Equal(3500, turn.VoiceToVoiceMs);
        Assert.Equal(2000, turn.RagAddedMs);
        Assert.Equal(7500, turn.PlaybackEndMs);
        Assert.False(turn.Hit);
        Assert.True(turn.Agreement);
        Assert.Equal(new LabJob(Question, 1000, 3000, null, Used: true, Speculative: false), Assert.Single(turn.Jobs));
        Assert.Equal(0, turn.WastedJobs);
    }

    [Fact]
    public void Speculative_reuses_the_latest_finished_result_that_answers_the_final_question()
    {
        var turn = Run("speculative");

        Assert.True(turn.Hit);
        Assert.True(turn.Agreement);
        Assert.Equal(-200, turn.AnswerReadyMs);
        Assert.Equal(0, turn.RagAddedMs);
        Assert.Equal(1000, turn.ResponseCreateMs);
        Assert.Equal(1500, turn.AnswerAudioMs);
        Assert.Equal([-1900, -1400, -900, 300], turn.Jobs.Select(job => job.StartMs));
        Assert.Equal([false, true, false, false], turn.Jobs.Select(job => job.Used));
        Assert.Equal(new double?[] { null, null, 1000, 1000 }, turn.Jobs.Select(job => job.CancelMs));
        Assert.Equal(3, turn.WastedJobs);
    }

    [Fact]
    public void Preemptive_creates_the_response_at_the_local_end_of_speech_and_holds_it_until_the_final_transcript()
    {
        var turn = Run("speculative-preemptive");

        Assert.Equal(300, turn.ResponseCreateMs);
        Assert.Equal(1000, turn.AnswerAudioMs);
        Assert.Equal(1000, turn.FirstAudioMs);
        Assert.True(turn.Hit);
    }

    [Fact]
    public void A_preemptive_response_the_final_transcript_does_not_confirm_is_dropped()
    {
        // The first partial answers what the local recognizer heard, but only the third answers the final text.
        var judge = new FakeJudge((query, question) => question != Question || query == Script.Partials[2].Text);
        var finalDiffers = Script with { Partials = [.. Script.Partials.Take(3), new ScriptedPartial(200, "how many vacation days do new employees gets", 2500)] };

        var turn = Run("speculative-preemptive", finalDiffers, judge);

        Assert.Equal(1100, turn.AnswerReadyMs);
        Assert.Equal(1100, turn.ResponseCreateMs);
        Assert.Equal(1600, turn.AnswerAudioMs);
        Assert.Equal([false, false, true, false], turn.Jobs.Select(job => job.Used));
    }

    [Fact]
    public void Without_a_finished_result_speculation_waits_for_the_first_to_end()
    {
        // Only the third and fourth partials' jobs answer; neither is done at the final transcript (1000 ms).
        var judge = new FakeJudge((query, _) => query.Split(' ').Length > 4);

        var turn = Run("speculative", judge: judge);

        Assert.Equal(1100, turn.AnswerReadyMs);
        Assert.Equal(1100, turn.ResponseCreateMs);
        Assert.Equal([false, false, true, false], turn.Jobs.Select(job => job.Used));
    }

    [Fact]
    public void Without_a_reusable_result_speculation_falls_back_to_a_fresh_job_and_wastes_the_others()
    {
        var turn = Run("speculative", judge: new FakeJudge((_, _) => false));

        Assert.False(turn.Hit);
        Assert.Equal(3000, turn.AnswerReadyMs);
        Assert.Equal(3500, turn.AnswerAudioMs);
        Assert.Equal(5, turn.Jobs.Count);
        Assert.Equal(4, turn.WastedJobs);
        Assert.False(turn.Jobs[^1].Speculative);
    }

    [Fact]
    public void A_late_answer_gets_a_bridge_and_the_answer_follows_it()
    {
        var turn = Run("sequential-bridge");

        Assert.Equal(1400, turn.BridgeAudioMs);
        Assert.Equal(1400, turn.FirstAudioMs);
        Assert.Equal(3500, turn.AnswerAudioMs);
        Assert.Equal(1400, turn.PlaybackStartMs);
    }

    [Fact]
    public void An_answer_ready_in_time_gets_no_bridge()
    {
        var turn = Run("speculative-preemptive-bridge");

        Assert.Null(turn.BridgeAudioMs);
        Assert.Equal(1000, turn.FirstAudioMs);
    }

    [Fact]
    public void The_in_flight_limit_skips_partials_while_jobs_run()
    {
        var runner = new AnalyticTurnRunner(Speculation with { MaxInFlight = 1 }, Bridge, new FakeJudge((_, _) => true), Retrieve);

        var turn = runner.Run(Script, StrategyName.Parse("speculative"));

        Assert.Equal([-1900, 300], turn.Jobs.Select(job => job.StartMs));
    }

    [Fact]
    public void A_partial_replaced_before_the_debounce_starts_no_job()
    {
        var runner = new AnalyticTurnRunner(Speculation with { DebounceMs = 600 }, Bridge, new FakeJudge((_, _) => true), Retrieve);

        var turn = runner.Run(Script, StrategyName.Parse("speculative"));

        Assert.Equal([-400, 800], turn.Jobs.Select(job => job.StartMs));
    }

    [Fact]
    public void A_reuse_whose_top_document_differs_from_a_fresh_query_counts_as_disagreement()
    {
        // A loose judge (top-2) accepts the second partial, whose top document is not the final question's.
        IReadOnlyList<string> Swapped(string text) =>
            text == Script.Partials[1].Text ? ["vacation#1", "vacation#0"] : Retrieve(text);
        var runner = new AnalyticTurnRunner(Speculation, Bridge, new TopDocumentsReuseJudge(Swapped, topK: 2), Swapped);

        var turn = runner.Run(Script, StrategyName.Parse("speculative"));

        Assert.True(turn.Hit);
        Assert.False(turn.Agreement);
    }

    private static LabTurn Run(string strategy, TurnScript? script = null, IReuseJudge? judge = null)
    {
        var runner = new AnalyticTurnRunner(Speculation, Bridge, judge ?? new TopDocumentsReuseJudge(Retrieve, Speculation.ReuseTopK), Retrieve);
        return runner.RunAsync(script ?? Script, StrategyName.Parse(strategy), CancellationToken.None).GetAwaiter().GetResult();
    }

    private static IReadOnlyList<string> Retrieve(string text) =>
        text.Contains("vacation", StringComparison.Ordinal) ? ["vacation#0", "vacation#1"] : ["other#0"];

    private sealed class FakeJudge(Func<string, string, bool> answers) : IReuseJudge
    {
        public bool Answers(string speculatedQuery, string question) => answers(speculatedQuery, question);
    }
}
