using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation.Judging;
using ActorVoice.Faults;

namespace ActorVoice.Engine.Speculation;

/// <summary>
/// Speculative retrieval for one session. While the user speaks, each partial transcript (after a debounce) starts
/// a knowledge query for its stable prefix, so that when the question is closed (the engine's own end of speech) or the
/// final transcript arrives the answer is often ready. Under the <c>meaning</c> rule an <see cref="IReuseJudge"/>
/// decides whether a job answers a text, a new job starts only for a partial that means something new, and at the
/// in-flight limit the least useful job is cancelled; the text rules compare words and cancel superseded prefixes.
/// Queries (and costly judging) run off the actor's thread and report back as messages; the actor never blocks.
/// Rules and statistics: docs/speculation.md.
/// </summary>
public sealed partial class SpeculatorActor : ReceiveActor, IWithTimers
{
    private readonly FaultInjection _faults;
    private readonly CrashPoint _crashPoint;
    private const string TooSlow = "knowledge source too slow";
    private readonly SpeculationSettings _settings;
    private readonly ReuseDecision _reuse;
    private readonly IReuseJudge _judge;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SpeculationTurns _turns;
    private readonly SpeculationQueries _queries;

    public SpeculatorActor(SpeculationSettings settings, IKnowledgeSource source, IReuseJudge? judge = null, FaultInjection? faults = null)
    {
        _faults = faults ?? FaultInjection.None;
        _crashPoint = _faults.CrashPointFor("speculator");
        _settings = settings.Validate();
        _judge = judge ?? new ContentWordsReuseJudge();
        _reuse = new ReuseDecision(_settings, _judge);
        // A fault plan may wrap the source (failures, hangs, latency spikes); without one it is the source itself.
        _queries = new SpeculationQueries(FaultyKnowledgeSource.Wrap(source, _faults));
        _turns = new SpeculationTurns(OnCancelled);
        Receive<PartialSeen>(OnPartial);
        Receive<Debounced>(OnDebounced);
        Receive<QuestionClosed>(OnQuestionClosed);
        Receive<FinalSeen>(OnFinal);
        Receive<Understood>(OnUnderstood);
        Receive<CancelTurn>(OnCancelTurn);
        Receive<SpeculationQueries.Succeeded>(OnJobSucceeded);
        Receive<SpeculationQueries.Faulted>(OnJobFaulted);
        Receive<DeadlinePassed>(OnDeadline);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private bool ByMeaning => _settings.ReuseRule == SpeculationReuseRule.Meaning;

    /// <param name="settings">Debounce, limits, reuse rule, judge, verification and deadline.</param>
    /// <param name="source">The knowledge source; owned by the caller (not disposed by the actor).</param>
    /// <param name="judge">The reuse judge of the <c>meaning</c> rule (e.g. an <see cref="IndexReuseJudge"/>); without
    /// one, texts are judged by their content words (<see cref="ContentWordsReuseJudge"/>).</param>
    /// <param name="faults">Knowledge faults and planned crashes to inject; null injects none.</param>
    public static Props Props(SpeculationSettings settings, IKnowledgeSource source, IReuseJudge? judge = null, FaultInjection? faults = null) =>
        Akka.Actor.Props.Create(() => new SpeculatorActor(settings, source, judge, faults));

    /// <summary>A planned crash (<c>actorvoice.faults.crashes</c>) strikes here, before the message is handled.</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        _crashPoint.BeforeMessage(message);
        return base.AroundReceive(receive, message);
    }


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
        if (!ByMeaning)
        {
            // A text rule can never reuse a job whose prefix the final transcript will not start with.
            var stable = SpeculationText.StablePrefixWords(partial.Text, _settings.LastWordStable);
            foreach (var job in turn.Superseded(stable))
            {
                _log.Debug("Turn {TurnId}: job {JobId} '{Prefix}' superseded by '{Partial}'", turn.Id, job.Id, job.Key, SpeculationText.Key(stable));
                turn.Cancel(job);
            }
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

        if (ByMeaning)
        {
            Judge(turn, JudgePurpose.Speculate, words, turn.LatestPartial);
        }
        else
        {
            StartSpeculative(turn, words, turn.LatestPartial, partial: !_settings.LastWordStable, meaning: null);
        }
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
            ResolvePending(turn);
            Finish(turn, id => new Failed(id, "the final transcript is empty", turn.Stats()));
            return;
        }

        Timers.StartSingleTimer(DeadlineKey(turn.Id), new DeadlinePassed(turn.Id), _settings.Deadline);
        if (_settings.Enabled && ByMeaning && turn.Jobs.Any(j => j.IsLive))
        {
            Judge(turn, JudgePurpose.Final, words, final.Transcript);
        }
        else
        {
            DecideFinal(turn, words, meaning: null);
        }
    }

    private void DecideFinal(TurnSpeculation turn, IReadOnlyList<string> words, QuestionMeaning? meaning)
    {
        turn.FinalMeaning = meaning;
        var candidate = _settings.Enabled ? _reuse.Candidate(turn, words, meaning) : null;
        if (turn.PendingPreliminary is { } pending && pending != candidate)
        {
            ResolvePending(turn);
        }

        if (candidate is null && ByMeaning && _settings.Enabled)
        {
            turn.SettleKeepingContenders();
        }
        else if (!(ByMeaning && _settings.RaceRunningJobs && candidate is { State: SpeculationJobState.Running }))
        {
            turn.SettleFor(candidate);
        }

        var transcript = turn.Final!.Transcript;
        if (_settings.ReuseRule == SpeculationReuseRule.SameTopK)
        {
            // The fresh query always runs; the candidate is compared with it when both are in.
            turn.Candidate = candidate;
            StartFresh(turn, transcript);
        }
        else if (candidate is null)
        {
            StartFresh(turn, transcript);
        }
        else
        {
            if (_settings.Verify)
            {
                // The check runs beside the reuse; Ready does not wait for it.
                turn.Verifying = true;
                StartFresh(turn, transcript);
            }

            if (candidate.State == SpeculationJobState.Succeeded)
            {
                _log.Info("Turn {TurnId}: reusing the result for '{Prefix}' (ready before the final transcript)", turn.Id, candidate.Key);
                Reuse(turn, candidate, ReuseDecision.SavedMs(turn.FinalAt, candidate));
            }
            else
            {
                _log.Info("Turn {TurnId}: awaiting the running job for '{Prefix}' instead of a fresh query", turn.Id, candidate.Key);
                turn.Awaited = candidate;
                if (ByMeaning && _settings.RaceRunningJobs)
                {
                    // Query latencies vary: another running job that also answers may finish first (see OnJobSucceeded).
                    turn.SettleKeepingContenders();
                }
            }
        }
    }

    private void OnCancelTurn(CancelTurn cancel)
    {
        if (_turns.TryGet(cancel.TurnId, out var turn))
        {
            _log.Info("Turn {TurnId}: cancelled", turn.Id);
            var sender = Sender;
            turn.PendingPreliminary = null;
            var stats = Finish(turn, reply: null);
            if (!sender.IsNobody())
            {
                sender.Tell(new Cancelled(cancel.TurnId, stats));
            }
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

    private void StartFresh(TurnSpeculation turn, string transcript)
    {
        turn.Fresh = Start(turn, SpeculationText.Words(transcript), transcript, partial: false, speculative: false);
    }

    /// <summary>Starts a speculative job, making room at the in-flight limit first (unless the new job is the one to go).</summary>
    private void StartSpeculative(TurnSpeculation turn, IReadOnlyList<string> words, string question, bool partial, QuestionMeaning? meaning)
    {
        var (cancel, start) = _reuse.MakeRoom(turn, SpeculationText.ContentWordCount(words));
        foreach (var job in cancel)
        {
            _log.Debug("Turn {TurnId}: {MaxInFlight} jobs in flight; cancelling '{Prefix}' for '{NewPrefix}'", turn.Id, _settings.MaxInFlight, job.Key, SpeculationText.Key(words));
            turn.Cancel(job);
        }

        if (!start)
        {
            _log.Debug("Turn {TurnId}: no room for '{Prefix}', which says less than the running jobs", turn.Id, SpeculationText.Key(words));
            return;
        }

        var started = Start(turn, words, question, partial, speculative: true);
        started.Meaning = meaning;
        turn.Add(started);
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

    /// <summary>A job was cancelled: published; a closed question that waited for it gets no preliminary answer.</summary>
    private void OnCancelled(SpeculationJob job)
    {
        Publish(job, JobChange.Cancelled);
        if (_turns.TryGet(job.TurnId, out var turn) && turn.PendingPreliminary == job)
        {
            ResolvePending(turn);
        }
    }

    /// <summary>
    /// Ends the turn: cancels what still runs, counts unused results as wasted, stops its timers and sends the reply
    /// (built after the counting, so its statistics are final) unless Ready was already sent.
    /// </summary>
    private SpeculationStats Finish(TurnSpeculation turn, Func<long, object>? reply)
    {
        turn.Close();
        Timers.Cancel(DebounceKey(turn.Id));
        Timers.Cancel(DeadlineKey(turn.Id));
        _turns.Remove(turn.Id);
        var stats = turn.Stats();
        if (reply is not null && turn.Final is not null && !turn.Replied)
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
            stale.PendingPreliminary = null;
            Finish(stale, reply: null);
        }
    }

    private static string DebounceKey(long turnId) => $"debounce-{turnId}";

    private static string DeadlineKey(long turnId) => $"deadline-{turnId}";
}
