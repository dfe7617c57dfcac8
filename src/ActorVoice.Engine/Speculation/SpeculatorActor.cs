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
public sealed class SpeculatorActor : ReceiveActor, IWithTimers
{
    private const string TooSlow = "knowledge source too slow";
    private readonly SpeculationSettings _settings;
    private readonly IKnowledgeSource _source;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<long, TurnSpeculation> _turns = [];

    // Jobs whose query has not reported back yet; their token sources are disposed when it does (or in PostStop).
    private readonly Dictionary<long, Job> _unreported = [];
    private long _nextJobId;
    private long _latestTurnId = long.MinValue;

    public SpeculatorActor(SpeculationSettings settings, IKnowledgeSource source)
    {
        _settings = settings.Validate();
        _source = source;
        Receive<PartialSeen>(OnPartial);
        Receive<Debounced>(OnDebounced);
        Receive<FinalSeen>(OnFinal);
        Receive<CancelTurn>(OnCancelTurn);
        Receive<JobSucceeded>(OnJobSucceeded);
        Receive<JobFaulted>(OnJobFaulted);
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
        foreach (var job in _unreported.Values)
        {
            job.Cts.Cancel();
            job.Cts.Dispose();
        }

        _unreported.Clear();
        base.PostStop();
    }

    private void OnPartial(PartialSeen partial)
    {
        if (!_settings.Enabled || partial.TurnId < _latestTurnId)
        {
            return;
        }

        StartTurn(partial.TurnId);
        var turn = GetOrAddTurn(partial.TurnId);
        if (turn.Final is not null)
        {
            return;
        }

        turn.LatestPartial = partial.Text;
        var stable = SpeculationText.StablePrefixWords(partial.Text, _settings.LastWordStable);
        foreach (var job in turn.Jobs.Where(j => j.State == JobState.Running && !SpeculationText.IsPrefix(j.Words, stable)).ToList())
        {
            _log.Debug("Turn {0}: job {1} '{2}' superseded by '{3}'", turn.Id, job.Id, job.Key, SpeculationText.Key(stable));
            Cancel(turn, job);
        }

        Timers.StartSingleTimer(DebounceKey(turn.Id), new Debounced(turn.Id), _settings.Debounce);
    }

    private void OnDebounced(Debounced debounced)
    {
        if (!_turns.TryGetValue(debounced.TurnId, out var turn) || turn.Final is not null)
        {
            return;
        }

        var words = SpeculationText.StablePrefixWords(turn.LatestPartial, _settings.LastWordStable);
        if (SpeculationText.ContentWordCount(words) < _settings.MinContentWords)
        {
            return;
        }

        var live = turn.Jobs.Where(j => j.State is JobState.Running or JobState.Succeeded).ToList();
        var key = SpeculationText.Key(words);
        if (live.Any(j => j.Key == key))
        {
            return;
        }

        if (_settings.ReuseRule == SpeculationReuseRule.StopwordExtension && live.Any(j => SpeculationText.IsStopwordExtension(j.Words, words)))
        {
            // Only stop words were added: the rule would reuse the earlier job for this text anyway.
            return;
        }

        var running = live.Where(j => j.State == JobState.Running).OrderBy(j => j.Id).ToList();
        for (var i = 0; i <= running.Count - _settings.MaxInFlight; i++)
        {
            _log.Debug("Turn {0}: {1} jobs in flight; cancelling the oldest, '{2}'", turn.Id, running.Count, running[i].Key);
            Cancel(turn, running[i]);
        }

        var job = Start(turn, words, turn.LatestPartial, partial: !_settings.LastWordStable, speculative: true);
        turn.Started++;
        turn.Jobs.Add(job);
    }

    private void OnFinal(FinalSeen final)
    {
        StartTurn(final.TurnId);
        var turn = GetOrAddTurn(final.TurnId);
        if (turn.Final is not null)
        {
            _log.Warning("Turn {0}: a second final transcript was ignored", turn.Id);
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
        var candidate = _settings.Enabled ? FindCandidate(turn, words) : null;
        foreach (var job in turn.Jobs.Where(j => j != candidate))
        {
            if (job.State == JobState.Running)
            {
                Cancel(turn, job);
            }
            else if (job.State == JobState.Succeeded)
            {
                Waste(turn, job);
            }
        }

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
        else if (candidate.State == JobState.Succeeded)
        {
            _log.Info("Turn {0}: reusing the result for '{1}' (ready before the final transcript)", turn.Id, candidate.Key);
            Reuse(turn, candidate, SavedMs(turn, candidate));
        }
        else
        {
            _log.Info("Turn {0}: awaiting the running job for '{1}' instead of a fresh query", turn.Id, candidate.Key);
            turn.Awaited = candidate;
        }
    }

    private Job? FindCandidate(TurnSpeculation turn, IReadOnlyList<string> finalWords)
    {
        var key = SpeculationText.Key(finalWords);
        Func<Job, bool> answers = _settings.ReuseRule switch
        {
            SpeculationReuseRule.Normalized => j => j.Key == key,
            SpeculationReuseRule.StopwordExtension => j => SpeculationText.IsStopwordExtension(j.Words, finalWords),
            _ => j => SpeculationText.IsPrefix(j.Words, finalWords),
        };
        return turn.Jobs
            .Where(j => j.State is JobState.Running or JobState.Succeeded)
            .Where(answers)
            .OrderByDescending(j => j.Words.Count)
            .ThenByDescending(j => j.State == JobState.Succeeded)
            .ThenByDescending(j => j.Id)
            .FirstOrDefault();
    }

    private void OnCancelTurn(CancelTurn cancel)
    {
        if (_turns.TryGetValue(cancel.TurnId, out var turn))
        {
            _log.Info("Turn {0}: cancelled", turn.Id);
            var sender = Sender;
            var stats = Finish(turn, reply: null);
            if (!sender.IsNobody())
            {
                sender.Tell(new Cancelled(cancel.TurnId, stats));
            }
        }
    }

    private void OnJobSucceeded(JobSucceeded succeeded)
    {
        if (!TryReport(succeeded.JobId, out var job, out var turn))
        {
            return;
        }

        job.State = JobState.Succeeded;
        job.Result = succeeded.Result;
        job.CompletedAt = Now;
        Publish(job, JobChange.Succeeded);
        if (turn.Final is null)
        {
            return;
        }

        if (job == turn.Awaited)
        {
            Reuse(turn, job, SavedMs(turn, job));
        }
        else if (job == turn.Fresh)
        {
            var candidate = turn.Candidate;
            if (candidate?.Result is { } speculative && Agree(speculative, succeeded.Result))
            {
                _log.Info("Turn {0}: the speculative result for '{1}' has the fresh result's top documents", turn.Id, candidate.Key);
                Reuse(turn, candidate, 0);
            }
            else
            {
                Finish(turn, id => new Ready(id, succeeded.Result, false, turn.Stats()));
            }
        }
    }

    private void OnJobFaulted(JobFaulted faulted)
    {
        if (!TryReport(faulted.JobId, out var job, out var turn))
        {
            return;
        }

        job.State = JobState.Failed;
        Publish(job, JobChange.Failed);
        _log.Warning("Turn {0}: query '{1}' failed: {2}", turn.Id, job.Key, faulted.Reason);
        if (job.Speculative)
        {
            Waste(turn, job);
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
        if (_turns.TryGetValue(deadline.TurnId, out var turn))
        {
            _log.Warning("Turn {0}: no knowledge result within {1} ms of the final transcript", turn.Id, _settings.Deadline.TotalMilliseconds);
            Finish(turn, id => new Failed(id, TooSlow, turn.Stats()));
        }
    }

    /// <summary>Removes a reporting job from the unreported set; false when its report no longer matters.</summary>
    private bool TryReport(long jobId, out Job job, out TurnSpeculation turn)
    {
        turn = null!;
        if (!_unreported.Remove(jobId, out job!))
        {
            return false;
        }

        job.Cts.Dispose();
        return job.State == JobState.Running && _turns.TryGetValue(job.TurnId, out turn!);
    }

    private void StartFresh(TurnSpeculation turn, string transcript)
    {
        turn.Fresh = Start(turn, SpeculationText.Words(transcript), transcript, partial: false, speculative: false);
    }

    private Job Start(TurnSpeculation turn, IReadOnlyList<string> words, string question, bool partial, bool speculative)
    {
        var job = new Job(++_nextJobId, turn.Id, words, speculative, Now, new CancellationTokenSource());
        _unreported[job.Id] = job;
        _log.Debug("Turn {0}: {1} job {2} for '{3}'", turn.Id, speculative ? "speculative" : "fresh", job.Id, job.Key);
        var source = _source;
        var token = job.Cts.Token;
        var id = job.Id;
        Publish(job, JobChange.Started);
        // Task.Run keeps even a source that blocks before its first await off the actor's thread.
        Task.Run(() => source.QueryAsync(question, partial, token), token)
            .PipeTo(Self, success: result => new JobSucceeded(id, result), failure: ex => new JobFaulted(id, Describe(ex)));
        return job;
    }

    private static void Cancel(TurnSpeculation turn, Job job)
    {
        job.State = JobState.Cancelled;
        job.Cts.Cancel();
        if (job.Speculative)
        {
            turn.Cancelled++;
        }

        Publish(job, JobChange.Cancelled);
    }

    private static void Publish(Job job, JobChange change) =>
        Context.System.EventStream.Publish(new JobChanged(job.TurnId, job.Id, job.Key, job.Speculative, change));

    private static void Waste(TurnSpeculation turn, Job job)
    {
        if (!job.Counted)
        {
            job.Counted = true;
            turn.Wasted++;
        }
    }

    private void Reuse(TurnSpeculation turn, Job job, double savedMs)
    {
        job.Counted = true;
        turn.Reused = 1;
        turn.SavedMs = savedMs;
        Finish(turn, id => new Ready(id, job.Result!, true, turn.Stats()));
    }

    /// <summary>
    /// Ends the turn: cancels what still runs, counts unused results as wasted, stops its timers and sends the reply
    /// (built after the counting, so its statistics are final).
    /// </summary>
    private SpeculationStats Finish(TurnSpeculation turn, Func<long, object>? reply)
    {
        foreach (var job in turn.Jobs.Append(turn.Fresh).OfType<Job>())
        {
            if (job.State == JobState.Running)
            {
                Cancel(turn, job);
            }
            else if (job.Speculative && job.State == JobState.Succeeded)
            {
                Waste(turn, job);
            }
        }

        Timers.Cancel(DebounceKey(turn.Id));
        Timers.Cancel(DeadlineKey(turn.Id));
        _turns.Remove(turn.Id);
        var stats = turn.Stats();
        if (reply is not null && turn.Final is not null)
        {
            var message = reply(turn.Id);
            _log.Info("Turn {0}: {1} ({2})", turn.Id, message.GetType().Name, stats);
            turn.Final.ReplyTo.Tell(message);
        }

        return stats;
    }

    /// <summary>A newer turn began: turns that never got a final transcript will not get one.</summary>
    private void StartTurn(long turnId)
    {
        if (turnId <= _latestTurnId)
        {
            return;
        }

        _latestTurnId = turnId;
        foreach (var stale in _turns.Values.Where(t => t.Id < turnId && t.Final is null).ToList())
        {
            _log.Debug("Turn {0}: abandoned for turn {1}", stale.Id, turnId);
            Finish(stale, reply: null);
        }
    }

    private TurnSpeculation GetOrAddTurn(long turnId)
    {
        if (!_turns.TryGetValue(turnId, out var turn))
        {
            turn = new TurnSpeculation(turnId);
            _turns[turnId] = turn;
        }

        return turn;
    }

    private bool Agree(KnowledgeResult speculative, KnowledgeResult fresh)
    {
        var k = _settings.CompareTopK;
        var mine = speculative.TopDocuments(k);
        var theirs = fresh.TopDocuments(k);
        return mine.Count == 0 && theirs.Count == 0
            ? string.Equals(speculative.Answer?.Trim(), fresh.Answer?.Trim(), StringComparison.Ordinal)
            : mine.SetEquals(theirs);
    }

    private static double SavedMs(TurnSpeculation turn, Job job)
    {
        var readyAt = job.CompletedAt ?? turn.FinalAt;
        var end = readyAt < turn.FinalAt ? readyAt : turn.FinalAt;
        return Math.Max(0, Math.Round((end - job.StartedAt).TotalMilliseconds, 1));
    }

    private static string Describe(Exception ex) =>
        ex is AggregateException { InnerException: { } inner } ? Describe(inner) : ex.Message;

    private static string DebounceKey(long turnId) => $"debounce-{turnId}";

    private static string DeadlineKey(long turnId) => $"deadline-{turnId}";

    /// <summary>
    /// A partial transcript of turn <paramref name="TurnId"/>: the whole text recognised so far (not a delta).
    /// </summary>
    public sealed record PartialSeen(long TurnId, string Text);

    /// <summary>
    /// The final transcript of turn <paramref name="TurnId"/>; <see cref="Ready"/> or <see cref="Failed"/> goes to
    /// <paramref name="ReplyTo"/> (within <see cref="SpeculationSettings.Deadline"/>).
    /// </summary>
    public sealed record FinalSeen(long TurnId, string Transcript, IActorRef ReplyTo);

    /// <summary>
    /// Cancels every job of the turn (barge-in, or the turn ended); the sender gets <see cref="Cancelled"/> when the turn
    /// still had speculation state, and no Ready/Failed is sent for it any more.
    /// </summary>
    public sealed record CancelTurn(long TurnId);

    /// <summary>The knowledge result for the final transcript; <paramref name="Reused"/> when it came from a speculative job.</summary>
    public sealed record Ready(long TurnId, KnowledgeResult Result, bool Reused, SpeculationStats Stats);

    /// <summary>No result: the source failed, or it was too slow (<c>knowledge source too slow</c>); speak a fallback.</summary>
    public sealed record Failed(long TurnId, string Reason, SpeculationStats Stats);

    /// <summary>Reply to <see cref="CancelTurn"/> with the statistics of the cancelled turn.</summary>
    public sealed record Cancelled(long TurnId, SpeculationStats Stats);

    /// <summary>
    /// Published on the event stream whenever a query starts or ends (for progress displays and tests);
    /// <paramref name="Prefix"/> is the normalised text it answers.
    /// </summary>
    public sealed record JobChanged(long TurnId, long JobId, string Prefix, bool Speculative, JobChange Change);

    private sealed record Debounced(long TurnId);

    private sealed record DeadlinePassed(long TurnId);

    private sealed record JobSucceeded(long JobId, KnowledgeResult Result);

    private sealed record JobFaulted(long JobId, string Reason);

    private enum JobState
    {
        Running,
        Succeeded,
        Failed,
        Cancelled,
    }

    /// <summary>One query; mutable, touched only on the actor's thread.</summary>
    private sealed class Job(long id, long turnId, IReadOnlyList<string> words, bool speculative, DateTimeOffset startedAt, CancellationTokenSource cts)
    {
        public long Id { get; } = id;

        public long TurnId { get; } = turnId;

        public IReadOnlyList<string> Words { get; } = words;

        public string Key { get; } = SpeculationText.Key(words);

        public bool Speculative { get; } = speculative;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public CancellationTokenSource Cts { get; } = cts;

        public JobState State { get; set; } = JobState.Running;

        public KnowledgeResult? Result { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        /// <summary>Already counted as reused or wasted.</summary>
        public bool Counted { get; set; }
    }

    private sealed class TurnSpeculation(long id)
    {
        public long Id { get; } = id;

        public string LatestPartial { get; set; } = string.Empty;

        public List<Job> Jobs { get; } = [];

        public FinalSeen? Final { get; set; }

        public DateTimeOffset FinalAt { get; set; }

        /// <summary>A running speculative job the final transcript will reuse.</summary>
        public Job? Awaited { get; set; }

        /// <summary>The query on the final transcript.</summary>
        public Job? Fresh { get; set; }

        /// <summary>Under same-top-k: the speculative job compared with the fresh result.</summary>
        public Job? Candidate { get; set; }

        public int Started { get; set; }

        public int Cancelled { get; set; }

        public int Reused { get; set; }

        public int Wasted { get; set; }

        public double SavedMs { get; set; }

        public SpeculationStats Stats() => new(Started, Cancelled, Reused, Wasted, SavedMs, Fresh is not null);
    }
}
