using Akka.Actor;
using Akka.Event;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Speculation.Judging;

namespace ActorVoice.Engine.Speculation;

/// <summary>The speculator's judging (meaning rule) and its answer to a closed question.</summary>
public sealed partial class SpeculatorActor
{
    /// <summary>
    /// Has the judge understand <paramref name="words"/>: inline when it is cheap, else on the thread pool, the meaning
    /// coming back as <see cref="Understood"/>. A judge that fails falls back to the text's content words.
    /// </summary>
    private void Judge(TurnSpeculation turn, JudgePurpose purpose, IReadOnlyList<string> words, string question)
    {
        var text = SpeculationText.Key(words);
        var turnId = turn.Id;
        if (_judge.RunsInline)
        {
            OnUnderstood(new Understood(turnId, purpose, words, question, _judge.Understand(text)));
            return;
        }

        var judge = _judge;
        Task.Run(() => judge.Understand(text))
            .PipeTo(
                Self,
                success: meaning => new Understood(turnId, purpose, words, question, meaning),
                failure: _ => new Understood(turnId, purpose, words, question, QuestionMeaning.OfWords(text)));
    }

    private void OnUnderstood(Understood understood)
    {
        if (!_turns.TryGet(understood.TurnId, out var turn))
        {
            return;
        }

        switch (understood.Purpose)
        {
            case JudgePurpose.Speculate when turn.Final is null:
                if (_reuse.CoveredByMeaning(turn, understood.Meaning))
                {
                    _log.Debug("Turn {TurnId}: '{Prefix}' means what a live job means; no new job", turn.Id, understood.Meaning.Text);
                    return;
                }

                StartSpeculative(turn, understood.Words, understood.Question, partial: !_settings.LastWordStable, understood.Meaning);
                break;
            case JudgePurpose.Close:
                AnswerClosed(turn, understood.Words, understood.Question, understood.Meaning);
                break;
            case JudgePurpose.Final when turn.Fresh is null && turn.Awaited is null && !turn.Replied:
                DecideFinal(turn, understood.Words, understood.Meaning);
                break;
        }
    }

    private void OnQuestionClosed(QuestionClosed closed)
    {
        if (!_settings.Enabled || _settings.ReuseRule == SpeculationReuseRule.SameTopK || _turns.IsSuperseded(closed.TurnId))
        {
            // same-top-k never answers before the fresh query on the final transcript.
            closed.ReplyTo.Tell(new NoPreliminary(closed.TurnId));
            return;
        }

        AbandonOlderTurns(closed.TurnId);
        var turn = _turns.GetOrAdd(closed.TurnId);
        var words = SpeculationText.Words(closed.Text);
        if (turn.Final is not null || turn.Closed is not null || words.Count == 0)
        {
            closed.ReplyTo.Tell(new NoPreliminary(closed.TurnId));
            return;
        }

        turn.Closed = closed;
        Timers.Cancel(DebounceKey(turn.Id));
        if (ByMeaning)
        {
            Judge(turn, JudgePurpose.Close, words, closed.Text);
        }
        else
        {
            AnswerClosed(turn, words, closed.Text, meaning: null);
        }
    }

    /// <summary>
    /// Preliminary at once from a finished job that answers the closed question, or when a running one that does
    /// completes; else NoPreliminary, and a job starts on the closed text right away (the final transcript may reuse it).
    /// </summary>
    private void AnswerClosed(TurnSpeculation turn, IReadOnlyList<string> words, string text, QuestionMeaning? meaning)
    {
        var replyTo = turn.Closed!.ReplyTo;
        if (turn.Final is not null)
        {
            replyTo.Tell(new NoPreliminary(turn.Id));
            return;
        }

        turn.ClosedMeaning = meaning;
        var candidate = _reuse.Candidate(turn, words, meaning);
        if (candidate is { State: SpeculationJobState.Succeeded })
        {
            SendPreliminary(turn, candidate);
            return;
        }

        if (candidate is not null)
        {
            _log.Debug("Turn {TurnId}: the closed question waits for job {JobId} '{Prefix}'", turn.Id, candidate.Id, candidate.Key);
            turn.PendingPreliminary = candidate;
            return;
        }

        replyTo.Tell(new NoPreliminary(turn.Id));
        if (SpeculationText.ContentWordCount(words) >= _settings.MinContentWords && !_reuse.AlreadyCovered(turn, words))
        {
            StartSpeculative(turn, words, text, partial: false, meaning);
        }
    }

    /// <summary>The closed question's answer: <paramref name="job"/>'s result, focused on what the closed question asks.</summary>
    private void SendPreliminary(TurnSpeculation turn, SpeculationJob job)
    {
        turn.PendingPreliminary = null;
        turn.Preliminary = job;
        turn.PreliminaryResult = ReuseDecision.Focus(job.Result!, turn.ClosedMeaning);
        _log.Info("Turn {TurnId}: preliminary result for '{Prefix}' (job {JobId})", turn.Id, job.Key, job.Id);
        turn.Closed!.ReplyTo.Tell(new Preliminary(turn.Id, job.Id, turn.PreliminaryResult));
    }

    /// <summary>The job a closed question waited for will not answer it: NoPreliminary.</summary>
    private static void ResolvePending(TurnSpeculation turn)
    {
        if (turn.PendingPreliminary is not null)
        {
            turn.PendingPreliminary = null;
            turn.Closed!.ReplyTo.Tell(new NoPreliminary(turn.Id));
        }
    }
}
