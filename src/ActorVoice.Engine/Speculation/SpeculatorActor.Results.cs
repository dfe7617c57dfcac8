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
            SendPreliminary(turn, job);
        }
        else if (turn is { Final: null, Closed: not null, Preliminary: null, PendingPreliminary: null, ClosedMeaning: { } closed } && _reuse.ResultCovers(job, closed))
        {
            // No job meant the closed question, but this one retrieved what it asks for.
            SendPreliminary(turn, job);
        }

        if (turn.Final is null)
        {
            return;
        }

        if (job.Speculative && job != turn.Awaited && turn is { Replied: false, Fresh.State: SpeculationJobState.Running, FinalMeaning: { } final }
            && _reuse.ResultCovers(job, final))
        {
            // A contender kept running after the final transcript retrieved what it asks for, before the fresh query.
            _log.Info("Turn {TurnId}: job {JobId} '{Prefix}' covers the final question before the fresh query", turn.Id, job.Id, job.Key);
            if (_settings.Verify)
            {
                turn.Verifying = true;
            }
            else
            {
                turn.Cancel(turn.Fresh!);
            }

            turn.SettleFor(job);
            Reuse(turn, job, ReuseDecision.SavedMs(turn.FinalAt, job));
            return;
        }

        if (job.Speculative && turn is { Replied: false, Fresh: null, Awaited: { State: SpeculationJobState.Running } awaited, FinalMeaning: { } answered }
            && job != awaited && _reuse.FinishedJobAnswers(job, answered))
        {
            // A running job raced the awaited one and finished first with an answer to the final question.
            _log.Info("Turn {TurnId}: job {JobId} '{Prefix}' answers the final question before the awaited job {AwaitedId}", turn.Id, job.Id, job.Key, awaited.Id);
            turn.SettleFor(job);
            turn.Awaited = job;
            Reuse(turn, job, ReuseDecision.SavedMs(turn.FinalAt, job));
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
        var (result, jobId) = Answer(turn, job);
        if (turn.Verifying && turn.Fresh is { State: SpeculationJobState.Running })
        {
            turn.Replied = true;
            var ready = new Ready(turn.Id, result, true, turn.Stats(), jobId);
            _log.Info("Turn {TurnId}: Ready, reused job {JobId}; verifying with the fresh query ({Stats})", turn.Id, job.Id, ready.Stats);
            turn.Final!.ReplyTo.Tell(ready);
            return;
        }

        if (turn.Verifying && turn.Fresh is { State: SpeculationJobState.Succeeded, Result: { } fresh })
        {
            turn.RecordVerification(_reuse.Verify(result, fresh));
        }

        Finish(turn, id => new Ready(id, result, true, turn.Stats(), jobId));
    }

    /// <summary>
    /// The reused job's result focused on the final question, and the job id Ready names. A preliminary answer stands
    /// (the same result, so the held response is confirmed) when the passage it put first still answers the final
    /// question (see <see cref="ReuseDecision.StillAnswers"/>); otherwise Ready names no job, and the turn discards the
    /// held response and answers from the refocused result.
    /// </summary>
    private static (Knowledge.KnowledgeResult Result, long JobId) Answer(TurnSpeculation turn, SpeculationJob job)
    {
        var result = ReuseDecision.Focus(job.Result!, turn.FinalMeaning);
        if (job != turn.Preliminary || turn.PreliminaryResult is not { } sent)
        {
            return (result, job.Id);
        }

        return ReuseDecision.StillAnswers(sent, result, turn.FinalMeaning) ? (sent, job.Id) : (result, 0);
    }

    /// <summary>The verifying fresh query finished: compare it with the reused result, or keep it for the awaited job.</summary>
    private void OnVerificationResult(TurnSpeculation turn)
    {
        if (!turn.Replied)
        {
            return; // the awaited job is still running; Reuse compares when it succeeds
        }

        var agreed = _reuse.Verify(Answer(turn, turn.ReusedJob!).Result, turn.Fresh!.Result!);
        turn.RecordVerification(agreed);
        var stats = Finish(turn, reply: null);
        _log.Info("Turn {TurnId}: verification {Outcome} ({Stats})", turn.Id, agreed ? "agreed" : "disagreed", stats);
        turn.Final!.ReplyTo.Tell(new SpeculationVerified(turn.Id, agreed, stats));
    }
}
