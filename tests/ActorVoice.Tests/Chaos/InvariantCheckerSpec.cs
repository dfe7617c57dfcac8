using ActorVoice.Cli.Chaos.Invariants;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using static ActorVoice.Tests.Chaos.ChaosRecords;

namespace ActorVoice.Tests.Chaos;

/// <summary>Each invariant holds on a healthy run and fails, naming the turn, on a record that breaks it.</summary>
public sealed class InvariantCheckerSpec
{
    private readonly InvariantChecker _checker = new();

    [Fact]
    public void A_healthy_run_should_hold_every_invariant()
    {
        var results = _checker.Check(Healthy);

        Assert.Equal(InvariantChecker.Names, results.Select(r => r.Name));
        Assert.All(results, r => Assert.True(r.Held, $"{r.Name}: {r.Detail}"));
        Assert.Equal(1, InvariantChecker.ResumedFalseInterruptions(Healthy));
    }

    [Fact]
    public void One_outcome_per_turn_should_fail_when_a_turn_ends_twice()
    {
        var record = Healthy with { Completions = [.. Healthy.Completions, Question with { Outcome = TurnOutcome.Fallback }] };

        AssertFails(InvariantChecker.CheckOneOutcomePerTurn(record), "turn 1 ended 2 times");
    }

    [Fact]
    public void One_outcome_per_turn_should_fail_when_a_started_turn_never_ends()
    {
        var record = Healthy with { StartedTurns = [1, 2, 3, 4, 5] };

        AssertFails(InvariantChecker.CheckOneOutcomePerTurn(record), "turn 5 never ended");
    }

    [Fact]
    public void One_outcome_per_turn_should_fail_when_a_turn_fails()
    {
        var failed = Question with { Error = "the turn took too long", Outcome = TurnOutcome.Failed };
        var record = Healthy with { Completions = [failed, BargedIn, Interruption, Coughed] };

        AssertFails(InvariantChecker.CheckOneOutcomePerTurn(record), "turn 1 failed (the turn took too long)");
    }

    [Fact]
    public void One_outcome_per_turn_should_fail_when_the_session_answers_for_a_crashed_turn_with_an_error()
    {
        var madeUp = new TurnResult(1, "q") { Error = "the turn failed: injected crash" };
        var record = Healthy with { Completions = [madeUp, BargedIn, Interruption, Coughed] };

        AssertFails(InvariantChecker.CheckOneOutcomePerTurn(record), "turn 1 failed (the turn failed: injected crash)");
    }

    [Fact]
    public void One_outcome_per_turn_should_fail_when_a_step_got_no_result()
    {
        var record = Healthy with { MissingTurns = ["chaos05-question: no answer in time"] };

        AssertFails(InvariantChecker.CheckOneOutcomePerTurn(record), "no result: chaos05-question");
    }

    [Fact]
    public void One_outcome_per_turn_should_accept_fallbacks_and_superseded_turns()
    {
        var record = Healthy with
        {
            Completions =
            [
                Question with { Outcome = TurnOutcome.Fallback, FallbackReason = "knowledge failed" },
                BargedIn,
                Interruption with { Outcome = TurnOutcome.Superseded, Error = "the user spoke again before the answer" },
                Coughed,
            ],
        };

        Assert.True(InvariantChecker.CheckOneOutcomePerTurn(record).Held);
    }

    [Fact]
    public void No_audio_after_barge_in_should_fail_when_more_was_played_than_time_allowed()
    {
        var late = BargedIn with { AudioPlayedMs = 1400, BargeIn = BargedIn.BargeIn! with { PlayedMs = 1400, TruncatedMs = 1400 } };

        AssertFails(InvariantChecker.CheckNoAudioAfterBargeIn(Healthy with { Completions = Replace(late) }), "turn 2: 1400 ms played");
    }

    [Fact]
    public void No_audio_after_barge_in_should_fail_when_playback_starts_again_after_it()
    {
        var restarted = BargedIn with { Timeline = new TurnTimeline { Marks = [.. BargedIn.Timeline.Marks, new TimelineMark(TimelineMarks.PlaybackStart, 1800)] } };

        AssertFails(InvariantChecker.CheckNoAudioAfterBargeIn(Healthy with { Completions = Replace(restarted) }), "playback.start after the barge-in");
    }

    [Fact]
    public void No_audio_after_barge_in_should_fail_when_the_played_file_holds_more_than_was_reported()
    {
        var record = Healthy with { Turns = [.. Healthy.Turns.Select(t => t.Result.TurnNumber == 2 ? t with { AudioFileMs = 1700 } : t)] };

        AssertFails(InvariantChecker.CheckNoAudioAfterBargeIn(record), "the played audio file holds 1700 ms");
    }

    [Fact]
    public void Truncate_equals_played_should_fail_when_the_item_is_cut_elsewhere()
    {
        var record = Healthy with { Truncates = [new TruncateFrame("sess_1", "item_2", 1500)] };

        AssertFails(InvariantChecker.CheckTruncateEqualsPlayed(record), "turn 2: item item_2 truncated to 1000 ms, the server got 1500 ms");
    }

    [Fact]
    public void Truncate_equals_played_should_fail_when_a_turn_truncates_to_more_than_was_played()
    {
        var wrong = BargedIn with { Truncations = [new ItemTruncation("item_2", 1200, 1000, 4000)], BargeIn = BargedIn.BargeIn! with { TruncatedMs = 1200 } };
        var record = Healthy with
        {
            Completions = [.. Healthy.Completions.Select(c => c.TurnNumber == 2 ? wrong : c)],
            Truncates = [new TruncateFrame("sess_1", "item_2", 1200)],
        };

        AssertFails(InvariantChecker.CheckTruncateEqualsPlayed(record), "turn 2: item item_2 truncated to 1200 ms, 1000 ms were played");
    }

    [Fact]
    public void Truncate_equals_played_should_fail_when_the_server_gets_a_truncate_no_turn_sent()
    {
        var record = Healthy with { Truncates = [.. Healthy.Truncates, new TruncateFrame("sess_1", "item_9", 300)] };

        AssertFails(InvariantChecker.CheckTruncateEqualsPlayed(record), "the server got a truncate of item item_9 (300 ms) that no turn recorded");
    }

    [Fact]
    public void Truncate_equals_played_should_fail_when_an_interrupted_answer_is_never_truncated()
    {
        AssertFails(InvariantChecker.CheckTruncateEqualsPlayed(Healthy with { Truncates = [] }), "turn 2: the truncate of item item_2 (1000 ms) never reached the server");
    }

    [Fact]
    public void False_interruption_should_fail_when_the_noise_cut_the_answer()
    {
        var cut = Coughed with { Outcome = TurnOutcome.Interrupted, AudioPlayedMs = 900, BargeIn = new BargeInReport("local-vad", 250, 20, 900, 900), FalseInterruptions = 0 };

        AssertFails(InvariantChecker.CheckFalseInterruptionLosesNoAnswer(Healthy with { Completions = Replace(cut) }), "turn 4: the noise burst cut the answer");
    }

    [Fact]
    public void False_interruption_should_hold_when_real_words_cut_the_answer_of_a_noise_step()
    {
        var cut = Coughed with { Outcome = TurnOutcome.Interrupted, AudioPlayedMs = 900, BargeIn = new BargeInReport("local-vad", 250, 20, 900, 900), FalseInterruptions = 0 };
        var words = new TurnResult(5, Coughed.Label + "-next") { Transcript = "where can i find the" };
        var silent = new TurnResult(5, Coughed.Label + "-next") { Transcript = "" };

        Assert.True(InvariantChecker.CheckFalseInterruptionLosesNoAnswer(Healthy with { Completions = [.. Replace(cut), words] }).Held);
        AssertFails(InvariantChecker.CheckFalseInterruptionLosesNoAnswer(Healthy with { Completions = [.. Replace(cut), silent] }), "turn 4: the noise burst cut the answer");
    }

    [Fact]
    public void False_interruption_should_fail_when_the_resumed_answer_is_not_heard_in_full()
    {
        var lost = Coughed with { AudioPlayedMs = 1200, HeardAnswer = "The serial number" };
        var record = Healthy with { Completions = Replace(lost) };

        AssertFails(InvariantChecker.CheckFalseInterruptionLosesNoAnswer(record), "turn 4: 1 false interruptions, then only 1200 of 2800 ms heard");
        Assert.Equal(0, InvariantChecker.ResumedFalseInterruptions(record));
    }

    [Fact]
    public void Transcript_log_should_fail_when_it_holds_words_the_user_cut_off()
    {
        var log = Healthy.TranscriptLog!.Select(e => e.TurnNumber == 2 && e.Role == TranscriptEntry.Assistant ? e with { Text = BargedIn.SpokenTranscript } : e).ToList();

        AssertFails(InvariantChecker.CheckTranscriptLog(Healthy with { TranscriptLog = log }), "turn 2: the log's assistant line");
    }

    [Fact]
    public void Transcript_log_should_fail_when_a_turn_counts_unplayed_words_as_heard()
    {
        var overheard = BargedIn with { HeardAnswer = "From Remote Work: you receive a one-time home" };
        var record = Healthy with { Completions = Replace(overheard), TranscriptLog = [.. Healthy.Completions.Select(c => c.TurnNumber == 2 ? overheard : c).SelectMany(Log)] };

        AssertFails(InvariantChecker.CheckTranscriptLog(record), "turn 2: 8 of 10 words counted as heard, but only 1000 of 4000 ms played");
    }

    [Fact]
    public void Transcript_log_should_fail_when_a_heard_answer_is_missing_or_the_log_cannot_be_read()
    {
        var withoutAnswer = Healthy.TranscriptLog!.Where(e => !(e.TurnNumber == 3 && e.Role == TranscriptEntry.Assistant)).ToList();

        AssertFails(InvariantChecker.CheckTranscriptLog(Healthy with { TranscriptLog = withoutAnswer }), "turn 3: the heard answer is missing from the log");
        AssertFails(InvariantChecker.CheckTranscriptLog(Healthy with { TranscriptLog = null }), "could not be read");
    }

    [Fact]
    public void Nothing_outlives_should_fail_when_a_capture_stream_or_job_outlives_its_turn()
    {
        var record = Healthy with { GaugesAfterTurns = [new TurnGauges(1, Gauges(connections: 1, playback: 1, capture: 1)), new TurnGauges(2, Gauges(connections: 1, playback: 1, jobs: 2))] };

        var result = InvariantChecker.CheckNothingOutlives(record);

        AssertFails(result, "after turn 1: capture-streams 1");
        Assert.Contains("after turn 2: speculative-jobs 2", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_outlives_should_fail_when_a_second_connection_stays_open()
    {
        var record = Healthy with { GaugesAfterTurns = [new TurnGauges(3, Gauges(connections: 2, playback: 1))] };

        AssertFails(InvariantChecker.CheckNothingOutlives(record), "after turn 3: realtime-connections 2, more than the session's one");
    }

    [Fact]
    public void Nothing_outlives_should_fail_when_a_gauge_or_an_actor_outlives_the_session()
    {
        AssertFails(InvariantChecker.CheckNothingOutlives(Healthy with { GaugesAfter = Gauges(playback: 1) }), "after the session: playback-streams 0 → 1");
        AssertFails(InvariantChecker.CheckNothingOutlives(Healthy with { ActorsAfterStop = ["/user/session/playback"] }), "/user/session/playback is still alive");
        AssertFails(InvariantChecker.CheckNothingOutlives(Healthy with { ChildrenBeforeStop = [] }), "the probe found no child");
    }

    [Fact]
    public void Resources_should_fail_when_memory_handles_or_threads_stay_above_the_baseline()
    {
        var baseline = Healthy.Baseline!;

        AssertFails(_checker.CheckResources(Healthy with { Final = baseline with { ManagedBytes = baseline.ManagedBytes + (40L << 20) } }), "managed memory grew 40 MiB");
        AssertFails(_checker.CheckResources(Healthy with { Final = baseline with { Handles = baseline.Handles + 100 } }), "handles grew from 270 to 370");
        AssertFails(_checker.CheckResources(Healthy with { Final = baseline with { Threads = baseline.Threads + 50 } }), "threads grew from 30 to 80");
        Assert.True(new InvariantChecker(new ResourceTolerance(64L << 20, 200, 100)).CheckResources(Healthy with { Final = baseline with { Threads = baseline.Threads + 50 } }).Held);
    }

    private static IReadOnlyList<TurnResult> Replace(TurnResult turn) =>
        [.. Healthy.Completions.Select(c => c.TurnNumber == turn.TurnNumber ? turn : c)];

    private static void AssertFails(InvariantResult result, string expected)
    {
        Assert.False(result.Held, $"{result.Name} held: {result.Detail}");
        Assert.Contains(expected, result.Detail, StringComparison.Ordinal);
    }
}
