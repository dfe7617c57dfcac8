using ActorVoice.Engine.Speculation;

namespace ActorVoice.Tests.Speculation;

/// <summary>The per-turn bookkeeping: every speculative job ends counted once as reused, cancelled or wasted.</summary>
public class TurnSpeculationSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly List<SpeculationJob> _cancelled = [];
    private long _ids;

    private TurnSpeculation Turn() => new(1, _cancelled.Add);

    private SpeculationJob Job(string text, bool speculative = true, SpeculationJobState state = SpeculationJobState.Running) =>
        new(++_ids, 1, SpeculationText.Words(text), speculative, T0, new CancellationTokenSource()) { State = state };

    private SpeculationJob Add(TurnSpeculation turn, string text, SpeculationJobState state = SpeculationJobState.Running)
    {
        var job = Job(text, state: state);
        turn.Add(job);
        return job;
    }

    [Fact]
    public void Cancelling_should_stop_the_query_count_a_speculative_job_and_report_it()
    {
        var turn = Turn();
        var speculative = Add(turn, "vacation days");
        var fresh = Job("how many vacation days", speculative: false);

        turn.Cancel(speculative);
        turn.Cancel(fresh);

        Assert.Equal(SpeculationJobState.Cancelled, speculative.State);
        Assert.True(speculative.Cts.IsCancellationRequested);
        Assert.Equal([speculative, fresh], _cancelled);
        Assert.Equal(new SpeculationStats(1, 1, 0, 0, 0, false), turn.Stats());
    }

    [Fact]
    public void A_job_should_be_counted_as_wasted_only_once()
    {
        var turn = Turn();
        var job = Add(turn, "vacation days", SpeculationJobState.Succeeded);

        turn.Waste(job);
        turn.Waste(job);

        Assert.Equal(1, turn.Wasted);
    }

    [Fact]
    public void A_reused_job_should_not_be_wasted_later()
    {
        var turn = Turn();
        var job = Add(turn, "vacation days", SpeculationJobState.Succeeded);

        turn.Reuse(job, 40);
        turn.Close();

        Assert.Equal(new SpeculationStats(1, 0, 1, 0, 40, false), turn.Stats());
    }

    [Fact]
    public void Jobs_the_newest_prefix_does_not_start_with_should_be_superseded()
    {
        var turn = Turn();
        var kept = Add(turn, "how many vacation");
        var superseded = Add(turn, "how many vacancies");
        Add(turn, "how many vacuums", SpeculationJobState.Succeeded);

        Assert.Equal([superseded], turn.Superseded(SpeculationText.Words("how many vacation days")));
        Assert.Equal(SpeculationJobState.Running, kept.State);
    }

    [Fact]
    public void Over_the_in_flight_limit_the_oldest_running_jobs_should_go()
    {
        var turn = Turn();
        var first = Add(turn, "one two");
        var second = Add(turn, "one two three");
        Add(turn, "one two three four", SpeculationJobState.Succeeded);

        Assert.Equal([first], turn.OverLimit(2));
        Assert.Equal([first, second], turn.OverLimit(1));
        Assert.Empty(turn.OverLimit(3));
    }

    [Fact]
    public void Settling_for_the_final_transcript_should_cancel_or_waste_every_other_job()
    {
        var turn = Turn();
        var running = Add(turn, "vacation");
        var finished = Add(turn, "vacation days off", SpeculationJobState.Succeeded);
        var kept = Add(turn, "vacation days");

        turn.SettleFor(kept);

        Assert.Equal([running], _cancelled);
        Assert.True(finished.Counted);
        Assert.Equal(SpeculationJobState.Running, kept.State);
        Assert.Equal(new SpeculationStats(3, 1, 0, 1, 0, false), turn.Stats());
    }

    [Fact]
    public void Closing_should_cancel_what_runs_including_the_fresh_query_and_waste_unused_speculative_results()
    {
        var turn = Turn();
        Add(turn, "vacation days", SpeculationJobState.Succeeded);
        Add(turn, "vacation", SpeculationJobState.Failed);
        turn.Fresh = Job("how many vacation days", speculative: false);

        turn.Close();

        Assert.Equal([turn.Fresh], _cancelled);
        Assert.Equal(new SpeculationStats(2, 0, 0, 1, 0, true), turn.Stats());
    }
}
