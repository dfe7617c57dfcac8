namespace ActorVoice.Engine.Speculation;

/// <summary>
/// The speculation bookkeeping of one turn: its jobs, its final transcript, the job the final transcript awaits or is
/// compared with, and the counters of <see cref="SpeculationStats"/>. Every speculative job ends counted exactly once
/// as reused, cancelled or wasted. Plain and single-threaded: the <see cref="SpeculatorActor"/> owns it; every job it
/// cancels is reported to <paramref name="cancelled"/> (the actor publishes it).
/// </summary>
public sealed class TurnSpeculation(long id, Action<SpeculationJob> cancelled)
{
    public long Id { get; } = id;

    /// <summary>The newest partial transcript (whole text).</summary>
    public string LatestPartial { get; set; } = string.Empty;

    /// <summary>The speculative jobs, in start order.</summary>
    public List<SpeculationJob> Jobs { get; } = [];

    public SpeculatorActor.FinalSeen? Final { get; set; }

    public DateTimeOffset FinalAt { get; set; }

    /// <summary>A running speculative job the final transcript will reuse.</summary>
    public SpeculationJob? Awaited { get; set; }

    /// <summary>The query on the final transcript.</summary>
    public SpeculationJob? Fresh { get; set; }

    /// <summary>Under same-top-k: the speculative job compared with the fresh result.</summary>
    public SpeculationJob? Candidate { get; set; }

    /// <summary>The engine's own end of speech closed the question (<see cref="SpeculatorActor.QuestionClosed"/>).</summary>
    public SpeculatorActor.QuestionClosed? Closed { get; set; }

    /// <summary>The job sent as <see cref="SpeculatorActor.Preliminary"/>.</summary>
    public SpeculationJob? Preliminary { get; set; }

    /// <summary>A running job that answers the closed question: <see cref="SpeculatorActor.Preliminary"/> goes out when it succeeds.</summary>
    public SpeculationJob? PendingPreliminary { get; set; }

    /// <summary>The result sent as <see cref="SpeculatorActor.Preliminary"/> (the job's result, focused on the closed question).</summary>
    public Knowledge.KnowledgeResult? PreliminaryResult { get; set; }

    /// <summary>Meaning rule: what the closed question asks (null under the text rules).</summary>
    public Judging.QuestionMeaning? ClosedMeaning { get; set; }

    /// <summary>Meaning rule: what the final transcript asks (null under the text rules).</summary>
    public Judging.QuestionMeaning? FinalMeaning { get; set; }

    /// <summary>The fresh query also runs to verify a reuse (<c>speculation.verify</c>), off the critical path.</summary>
    public bool Verifying { get; set; }

    /// <summary>The reply (<see cref="SpeculatorActor.Ready"/>) was sent; only the verification is still running.</summary>
    public bool Replied { get; set; }

    /// <summary>The speculative job whose result the turn's answer is.</summary>
    public SpeculationJob? ReusedJob { get; private set; }

    public int Started { get; private set; }

    public int Cancelled { get; private set; }

    public int Reused { get; private set; }

    public int Wasted { get; private set; }

    public double SavedMs { get; private set; }

    public int Verified { get; private set; }

    public int Agreed { get; private set; }

    public SpeculationStats Stats() => new(Started, Cancelled, Reused, Wasted, SavedMs, Fresh is not null, Verified, Agreed);

    /// <summary>The reused result was compared with the fresh one; <paramref name="agreed"/> when their top documents agree.</summary>
    public void RecordVerification(bool agreed)
    {
        Verified = 1;
        Agreed = agreed ? 1 : 0;
    }

    /// <summary>A speculative job was started for the newest partial.</summary>
    public void Add(SpeculationJob job)
    {
        Jobs.Add(job);
        Started++;
    }

    /// <summary>Running speculative jobs whose words the stable prefix <paramref name="stable"/> no longer starts with.</summary>
    public List<SpeculationJob> Superseded(IReadOnlyList<string> stable) =>
        Jobs.Where(j => j.State == SpeculationJobState.Running && !SpeculationText.IsPrefix(j.Words, stable)).ToList();

    /// <summary>The oldest running jobs that must go so that a new one keeps at most <paramref name="maxInFlight"/> running.</summary>
    public List<SpeculationJob> OverLimit(int maxInFlight)
    {
        var running = Jobs.Where(j => j.State == SpeculationJobState.Running).OrderBy(j => j.Id).ToList();
        return running.Take(Math.Max(0, running.Count - maxInFlight + 1)).ToList();
    }

    /// <summary>Cancels a job's query; a speculative one counts as cancelled.</summary>
    public void Cancel(SpeculationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.State = SpeculationJobState.Cancelled;
        job.Cts.Cancel();
        if (job.Speculative)
        {
            Cancelled++;
        }

        cancelled(job);
    }

    /// <summary>Counts a finished job whose result is not used (once).</summary>
    public void Waste(SpeculationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Counted)
        {
            job.Counted = true;
            Wasted++;
        }
    }

    /// <summary>The turn's result comes from <paramref name="job"/>, which saved <paramref name="savedMs"/>.</summary>
    public void Reuse(SpeculationJob job, double savedMs)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Counted = true;
        ReusedJob = job;
        Reused = 1;
        SavedMs = savedMs;
    }

    /// <summary>The final transcript chose <paramref name="keep"/> (or none): every other job is cancelled or wasted.</summary>
    public void SettleFor(SpeculationJob? keep) => Settle(Jobs.Where(j => j != keep));

    /// <summary>
    /// The final transcript is queried afresh, and no job answers it by meaning: finished results are wasted, but
    /// running jobs keep going as contenders, since the first of them whose result covers the final question can still
    /// answer before the fresh query does (<see cref="ReuseDecision.ResultCovers"/>).
    /// </summary>
    public void SettleKeepingContenders() => Settle(Jobs.Where(j => j.State != SpeculationJobState.Running));

    /// <summary>Speculative jobs still running after the final transcript, as contenders of the fresh query.</summary>
    public bool HasContenders => Final is not null && Jobs.Any(j => j.State == SpeculationJobState.Running);

    /// <summary>The turn ends: what still runs is cancelled, unused speculative results are wasted.</summary>
    public void Close() => Settle(Jobs.Append(Fresh).OfType<SpeculationJob>(), wasteOnlySpeculative: true);

    private void Settle(IEnumerable<SpeculationJob> jobs, bool wasteOnlySpeculative = false)
    {
        foreach (var job in jobs.ToList())
        {
            if (job.State == SpeculationJobState.Running)
            {
                Cancel(job);
            }
            else if (job.State == SpeculationJobState.Succeeded && (job.Speculative || !wasteOnlySpeculative))
            {
                Waste(job);
            }
        }
    }
}
