using Akka.Actor;
using Akka.Event;

namespace ActorVoice.Engine.Speculation;

/// <summary>The speculator's handling of finished queries: reuse, fresh results, preliminary answers and verification.</summary>
public sealed partial class SpeculatorActor
{
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
        if (job == turn.PendingPreliminary)
        {
            turn.PendingPreliminary = null;
            turn.Preliminary = job;
            _log.Info("Turn {TurnId}: preliminary result for '{Prefix}' (job {JobId})", turn.Id, job.Key, job.Id);
            turn.Closed!.ReplyTo.Tell(new Preliminary(turn.Id, job.Id, succeeded.Result));
        }

        if (turn.Final is null)
        {
            return;
        }

        if (job == turn.Fresh && turn.Verifying)
        {
            OnVerificationResult(turn);
        }
        else if (job == turn.Awaited)
        {
            Reuse(turn, job, ReuseDecision.SavedMs(turn.FinalAt, job));
        }
        else if (job == turn.Fresh)
        {
            var candidate = turn.Candidate;
            if (candidate?.Result is { } speculative && _reuse.Agree(speculative, succeeded.Result))
            {
                _log.Info("Turn {TurnId}: the speculative result for '{Prefix}' has the fresh result's top documents", turn.Id, candidate.Key);
                turn.RecordVerification(agreed: true);
                Reuse(turn, candidate, 0);
            }
            else
            {
                Finish(turn, id => new Ready(id, succeeded.Result, false, turn.Stats(), job.Id));
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

        if (job == turn.PendingPreliminary)
        {
            ResolvePending(turn);
        }

        if (job == turn.Fresh && turn.Verifying)
        {
            // No verification; a reply already sent stands, one still awaited comes from the awaited job.
            turn.Verifying = false;
            if (turn.Replied)
            {
                Finish(turn, reply: null);
            }
        }
        else if (job == turn.Awaited)
        {
            turn.Awaited = null;
            if (turn.Verifying && turn.Fresh is { } fresh)
            {
                // The verifying query becomes the answer.
                turn.Verifying = false;
                if (fresh.State == SpeculationJobState.Succeeded)
                {
                    Finish(turn, id => new Ready(id, fresh.Result!, false, turn.Stats(), fresh.Id));
                }
            }
            else
            {
                StartFresh(turn, turn.Final!.Transcript);
            }
        }
        else if (job == turn.Fresh)
        {
            Finish(turn, id => new Failed(id, faulted.Reason, turn.Stats()));
        }
    }

    /// <summary>Removes a reporting job from the unreported set; false when its report no longer matters.</summary>
    private bool TryReport(long jobId, out SpeculationJob job, out TurnSpeculation turn)
    {
        turn = null!;
        return _queries.TryTake(jobId, out job) && job.State == SpeculationJobState.Running && _turns.TryGet(job.TurnId, out turn!);
    }

    /// <summary>
    /// The turn's result comes from <paramref name="job"/>. Ready goes out at once; under verification it waits for
    /// nothing: the agreement is recorded now when the fresh result is already in, else later (<see cref="SpeculationVerified"/>).
    /// </summary>
    private void Reuse(TurnSpeculation turn, SpeculationJob job, double savedMs)
    {
        turn.Reuse(job, savedMs);
        if (turn.Verifying && turn.Fresh is { State: SpeculationJobState.Running })
        {
            turn.Replied = true;
            var ready = new Ready(turn.Id, job.Result!, true, turn.Stats(), job.Id);
            _log.Info("Turn {TurnId}: Ready, reused job {JobId}; verifying with the fresh query ({Stats})", turn.Id, job.Id, ready.Stats);
            turn.Final!.ReplyTo.Tell(ready);
            return;
        }

        if (turn.Verifying && turn.Fresh is { State: SpeculationJobState.Succeeded, Result: { } fresh })
        {
            turn.RecordVerification(_reuse.Verify(job.Result!, fresh));
        }

        Finish(turn, id => new Ready(id, job.Result!, true, turn.Stats(), job.Id));
    }

    /// <summary>The verifying fresh query finished: compare it with the reused result, or keep it for the awaited job.</summary>
    private void OnVerificationResult(TurnSpeculation turn)
    {
        if (!turn.Replied)
        {
            return; // the awaited job is still running; Reuse compares when it succeeds
        }

        var agreed = _reuse.Verify(turn.ReusedJob!.Result!, turn.Fresh!.Result!);
        turn.RecordVerification(agreed);
        var stats = Finish(turn, reply: null);
        _log.Info("Turn {TurnId}: verification {Outcome} ({Stats})", turn.Id, agreed ? "agreed" : "disagreed", stats);
        turn.Final!.ReplyTo.Tell(new SpeculationVerified(turn.Id, agreed, stats));
    }
}
