using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Engine.Speculation;

/// <summary>
/// Speculative retrieval for one session. While the user speaks, each partial transcript (after a debounce) starts
/// a knowledge query for its stable prefix, so that when the final transcript arrives the answer is often ready.
/// At most <see cref="SpeculationSettings.MaxInFlight"/> jobs run per turn; jobs whose prefix the newest partial no
/// longer starts with are cancelled. On the final transcript the reuse rule decides between a speculative result
/// (awaited when still running) and a fresh query. Queries run off the actor's thread with a token each and report
/// back as messages; the actor never blocks. Rules and statistics: docs/speculation.md.
/// </summary>
public sealed partial class SpeculatorActor : ReceiveActor, IWithTimers
{
    private const string TooSlow = "knowledge source too slow";
    private readonly SpeculationSettings _settings;
    private readonly ReuseDecision _reuse;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SpeculationTurns _turns = new(job => Publish(job, JobChange.Cancelled));
    private readonly SpeculationQueries _queries;

    public SpeculatorActor(SpeculationSettings settings, IKnowledgeSource source)
    {
        _settings = settings.Validate();
        _reuse = new ReuseDecision(_settings);
        _queries = new SpeculationQueries(source);
        Receive<PartialSeen>(OnPartial);
        Receive<Debounced>(OnDebounced);
        Receive<FinalSeen>(OnFinal);
        Receive<CancelTurn>(OnCancelTurn);
        Receive<SpeculationQueries.Succeeded>(OnJobSucceeded);
        Receive<SpeculationQueries.Faulted>(OnJobFaulted);
        Receive<DeadlinePassed>(OnDeadline);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="settings">Debounce, limits, reuse rule and deadline.</param>
    /// <param name="source">The knowledge source; owned by the caller (not disposed by the actor).</param>
    public static Props Props(SpeculationSettings settings, IKnowledgeSource source) =>
        Akka.Actor.Props.Create(() => new SpeculatorActor(settings, source));

    private static DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override void PostStop()
    {
        _queries.CancelAll();
        base.PostStop();
    }

    private void OnPartial(PartialSeen partial)
    {
        if (!_settings.Enabled || _turns.IsSuperseded(partial.TurnId))
        {
            return;
        }

        AbandonOlderTurns(partial.TurnId);
        var turn = _turns.GetOrAdd(partial.TurnId);
        if (turn.Final is not null)
        {
            return;
        }

        turn.LatestPartial = partial.Text;
        var stable = SpeculationText.StablePrefixWords(partial.Text, _settings.LastWordStable);
        foreach (var job in turn.Superseded(stable))
        {
            _log.Debug("Turn {TurnId}: job {JobId} '{Prefix}' superseded by '{Partial}'", turn.Id, job.Id, job.Key, SpeculationText.Key(stable));
            turn.Cancel(job);
        }

        Timers.StartSingleTimer(DebounceKey(turn.Id), new Debounced(turn.Id), _settings.Debounce);
    }

    private void OnDebounced(Debounced debounced)
    {
        if (!_turns.TryGet(debounced.TurnId, out var turn) || turn.Final is not null)
        {
            return;
        }

        var words = SpeculationText.StablePrefixWords(turn.LatestPartial, _settings.LastWordStable);
        if (SpeculationText.ContentWordCount(words) < _settings.MinContentWords || _reuse.AlreadyCovered(turn, words))
        {
            return;
        }

        var overLimit = turn.OverLimit(_settings.MaxInFlight);
        foreach (var oldest in overLimit)
        {
            _log.Debug("Turn {TurnId}: {InFlight} jobs in flight; cancelling the oldest, '{Prefix}'", turn.Id, _settings.MaxInFlight - 1 + overLimit.Count, oldest.Key);
            turn.Cancel(oldest);
        }

        turn.Add(Start(turn, words, turn.LatestPartial, partial: !_settings.LastWordStable, speculative: true));
    }

    private void OnFinal(FinalSeen final)
    {
        AbandonOlderTurns(final.TurnId);
        var turn = _turns.GetOrAdd(final.TurnId);
        if (turn.Final is not null)
        {
            _log.Warning("Turn {TurnId}: a second final transcript was ignored", turn.Id);
            return;
        }

        Timers.Cancel(DebounceKey(turn.Id));
        turn.Final = final;
        turn.FinalAt = Now;
        var words = SpeculationText.Words(final.Transcript);
        if (words.Count == 0)
        {
            Finish(turn, id => new Failed(id, "the final transcript is empty", turn.Stats()));
            return;
        }

        Timers.StartSingleTimer(DeadlineKey(turn.Id), new DeadlinePassed(turn.Id), _settings.Deadline);
        var candidate = _settings.Enabled ? _reuse.Candidate(turn, words) : null;
        turn.SettleFor(candidate);
        if (_settings.ReuseRule == SpeculationReuseRule.SameTopK)
        {
            // The fresh query always runs; the candidate is compared with it when both are in.
            turn.Candidate = candidate;
            StartFresh(turn, final.Transcript);
        }
        else if (candidate is null)
        {
            StartFresh(turn, final.Transcript);
        }
        else if (candidate.State == SpeculationJobState.Succeeded)
        {
            _log.Info("Turn {TurnId}: reusing the result for '{Prefix}' (ready before the final transcript)", turn.Id, candidate.Key);
            Reuse(turn, candidate, ReuseDecision.SavedMs(turn.FinalAt, candidate));
        }
        else
        {
            _log.Info("Turn {TurnId}: awaiting the running job for '{Prefix}' instead of a fresh query", turn.Id, candidate.Key);
            turn.Awaited = candidate;
        }
    }

    private void OnCancelTurn(CancelTurn cancel)
    {
        if (_turns.TryGet(cancel.TurnId, out var turn))
        {
            _log.Info("Turn {TurnId}: cancelled", turn.Id);
            var sender = Sender;
            var stats = Finish(turn, reply: null);
            if (!sender.IsNobody())
            {
                sender.Tell(new Cancelled(cancel.TurnId, stats));
            }
        }
    }

    private void OnJobSucceeded(SpeculationQueries.Succeeded succeeded)
    {
        if (!TryReport(succeeded.JobId, out var job, out var turn))
        {
            return;
        }

        job.State = SpeculationJobState.Succeeded;
        job.Result = succeeded.Result;
        job.CompletedAt = Now;
        Publish(job, JobChange.Succeeded);
        if (turn.Final is null)
        {
            return;
        }

        if (job == turn.Awaited)
        {
            Reuse(turn, job, ReuseDecision.SavedMs(turn.FinalAt, job));
        }
        else if (job == turn.Fresh)
        {
            var candidate = turn.Candidate;
            if (candidate?.Result is { } speculative && _reuse.Agree(speculative, succeeded.Result))
            {
                _log.Info("Turn {TurnId}: the speculative result for '{Prefix}' has the fresh result's top documents", turn.Id, candidate.Key);
                Reuse(turn, candidate, 0);
            }
            else
            {
                Finish(turn, id => new Ready(id, succeeded.Result, false, turn.Stats()));
            }
        }
    }

    private void OnJobFaulted(SpeculationQueries.Faulted faulted)
    {
        if (!TryReport(faulted.JobId, out var job, out var turn))
        {
            return;
        }

        job.State = SpeculationJobState.Failed;
        Publish(job, JobChange.Failed);
        _log.Warning("Turn {TurnId}: query '{Prefix}' failed: {Reason}", turn.Id, job.Key, faulted.Reason);
        if (job.Speculative)
        {
            turn.Waste(job);
        }

        if (job == turn.Awaited)
        {
            turn.Awaited = null;
            StartFresh(turn, turn.Final!.Transcript);
        }
        else if (job == turn.Fresh)
        {
            Finish(turn, id => new Failed(id, faulted.Reason, turn.Stats()));
        }
    }

    private void OnDeadline(DeadlinePassed deadline)
    {
        if (_turns.TryGet(deadline.TurnId, out var turn))
        {
            _log.Warning("Turn {TurnId}: no knowledge result within {DeadlineMs} ms of the final transcript", turn.Id, _settings.Deadline.TotalMilliseconds);
            Finish(turn, id => new Failed(id, TooSlow, turn.Stats()));
        }
    }

    /// <summary>Removes a reporting job from the unreported set; false when its report no longer matters.</summary>
    private bool TryReport(long jobId, out SpeculationJob job, out TurnSpeculation turn)
    {
        turn = null!;
        return _queries.TryTake(jobId, out job) && job.State == SpeculationJobState.Running && _turns.TryGet(job.TurnId, out turn!);
    }

    private void StartFresh(TurnSpeculation turn, string transcript)
    {
        turn.Fresh = Start(turn, SpeculationText.Words(transcript), transcript, partial: false, speculative: false);
    }

    private SpeculationJob Start(TurnSpeculation turn, IReadOnlyList<string> words, string question, bool partial, bool speculative)
    {
        var job = _queries.Start(turn.Id, words, question, partial, speculative, Now, Self);
        _log.Debug("Turn {TurnId}: {JobKind} job {JobId} for '{Prefix}'", turn.Id, speculative ? "speculative" : "fresh", job.Id, job.Key);
        Publish(job, JobChange.Started);
        return job;
    }

    private static void Publish(SpeculationJob job, JobChange change) =>
        Context.System.EventStream.Publish(new JobChanged(job.TurnId, job.Id, job.Key, job.Speculative, change));

    private void Reuse(TurnSpeculation turn, SpeculationJob job, double savedMs)
    {
        turn.Reuse(job, savedMs);
        Finish(turn, id => new Ready(id, job.Result!, true, turn.Stats()));
    }

    /// <summary>
    /// Ends the turn: cancels what still runs, counts unused results as wasted, stops its timers and sends the reply
    /// (built after the counting, so its statistics are final).
    /// </summary>
    private SpeculationStats Finish(TurnSpeculation turn, Func<long, object>? reply)
    {
        turn.Close();
        Timers.Cancel(DebounceKey(turn.Id));
        Timers.Cancel(DeadlineKey(turn.Id));
        _turns.Remove(turn.Id);
        var stats = turn.Stats();
        if (reply is not null && turn.Final is not null)
        {
            var message = reply(turn.Id);
            _log.Info("Turn {TurnId}: {Reply} ({Stats})", turn.Id, message.GetType().Name, stats);
            turn.Final.ReplyTo.Tell(message);
        }

        return stats;
    }

    /// <summary>A newer turn began: turns that never got a final transcript will not get one.</summary>
    private void AbandonOlderTurns(long turnId)
    {
        foreach (var stale in _turns.Advance(turnId))
        {
            _log.Debug("Turn {TurnId}: abandoned for turn {NewTurnId}", stale.Id, turnId);
            Finish(stale, reply: null);
        }
    }

    private static string DebounceKey(long turnId) => $"debounce-{turnId}";

    private static string DeadlineKey(long turnId) => $"deadline-{turnId}";
}
