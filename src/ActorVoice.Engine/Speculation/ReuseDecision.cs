using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Speculation.Judging;

namespace ActorVoice.Engine.Speculation;

/// <summary>
/// The reuse rule of <see cref="SpeculationSettings.ReuseRule"/>: which speculative job may answer a question (the final
/// transcript, or the text that closed it), whether a new speculative job is needed, which job makes room at the
/// in-flight limit, whether two results agree, and how much time a reused job saved. The <c>meaning</c> rule asks the
/// <see cref="IReuseJudge"/>; the text rules compare words.
/// </summary>
public sealed class ReuseDecision(SpeculationSettings settings, IReuseJudge? judge = null)
{
    private readonly IReuseJudge _judge = judge ?? new ContentWordsReuseJudge();

    private bool ByMeaning => settings.ReuseRule == SpeculationReuseRule.Meaning;

    /// <summary>
    /// The job that answers <paramref name="words"/> (with <paramref name="meaning"/> under the meaning rule) under the
    /// rule, or null. Text rules: the longest matching live job, a finished one before a running one, the newest first.
    /// Meaning rule: the job already sent as preliminary when it answers, else a finished job before a running one, the
    /// most informative (content words), the newest first.
    /// </summary>
    public SpeculationJob? Candidate(TurnSpeculation turn, IReadOnlyList<string> words, QuestionMeaning? meaning = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (ByMeaning)
        {
            meaning ??= QuestionMeaning.OfWords(SpeculationText.Key(words));
            return turn.Jobs
                .Where(j => j.IsLive && (AnswersByMeaning(j, meaning) || HeldAnswerStands(turn, j, meaning)))
                .OrderByDescending(j => j == turn.Preliminary || j == turn.PendingPreliminary)
                .ThenByDescending(j => j.State == SpeculationJobState.Succeeded)
                .ThenByDescending(j => Answers(j, meaning))
                .ThenByDescending(j => j.ContentWords)
                .ThenByDescending(j => j.Id)
                .FirstOrDefault();
        }

        var key = SpeculationText.Key(words);
        Func<SpeculationJob, bool> answers = settings.ReuseRule switch
        {
            SpeculationReuseRule.Normalized => j => j.Key == key,
            SpeculationReuseRule.StopwordExtension => j => SpeculationText.IsStopwordExtension(j.Words, words),
            _ => j => SpeculationText.IsPrefix(j.Words, words),
        };
        return turn.Jobs
            .Where(j => j.IsLive)
            .Where(answers)
            .OrderByDescending(j => j.Words.Count)
            .ThenByDescending(j => j.State == SpeculationJobState.Succeeded)
            .ThenByDescending(j => j.Id)
            .FirstOrDefault();
    }

    /// <summary>
    /// Meaning rule, by what was retrieved: a finished job answers <paramref name="meaning"/> when its result holds what
    /// the built-in index ranks first for the question: that passage (document and chunk) when the judge knows the
    /// question's passages, else that document among the result's first <c>judge.top-k</c> documents. A job started on
    /// an early prefix ("how many weeks of") often retrieved it already although its text means less than the
    /// question; its passages are then <see cref="Focus">focused</see> on the question. A result that carries the
    /// backend's own answer text cannot be refocused: it must have that passage (or document) first.
    /// </summary>
    public bool ResultCovers(SpeculationJob job, QuestionMeaning meaning)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(meaning);
        if (!ByMeaning || job is not { State: SpeculationJobState.Succeeded, Result: { } result } || meaning.Documents.Count == 0 || result.Passages.Count == 0)
        {
            return false;
        }

        if (meaning.Passages.Count > 0)
        {
            var best = meaning.Passages[0];
            return result.Answer is null ? result.Passages.Any(p => Is(p, best)) : Is(result.Passages[0], best);
        }

        var documents = result.Passages.Select(p => p.Document).Distinct(StringComparer.Ordinal).Take(settings.Judge.TopK).ToList();
        return result.Answer is null
            ? documents.Contains(meaning.Documents[0], StringComparer.Ordinal)
            : string.Equals(documents[0], meaning.Documents[0], StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="result"/> reordered for the question: first the passages the built-in index ranks best for it
    /// (in that order), then the other passages of its top document, then the rest in their order. Unchanged when there
    /// is nothing to move (no meaning, nothing known of the question, a backend's own answer text, or already in order).
    /// </summary>
    public static KnowledgeResult Focus(KnowledgeResult result, QuestionMeaning? meaning)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (meaning is not { Documents.Count: > 0 } || result.Answer is not null || result.Passages.Count < 2)
        {
            return result;
        }

        var top = meaning.Documents[0];
        var focused = result.Passages
            .Select((passage, position) => (passage, position))
            .OrderBy(p => Rank(p.passage, meaning.Passages, top))
            .ThenBy(p => p.position)
            .Select(p => p.passage)
            .ToList();
        return focused.SequenceEqual(result.Passages) ? result : result with { Passages = focused };
    }

    /// <summary>
    /// Meaning rule: true when a job that just finished answers the question of <paramref name="meaning"/>: its text
    /// means the same and its result does not miss the question's top document, or its result covers the question.
    /// </summary>
    public bool FinishedJobAnswers(SpeculationJob job, QuestionMeaning meaning)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(meaning);
        return ByMeaning && job.State == SpeculationJobState.Succeeded && AnswersByMeaning(job, meaning);
    }

    /// <summary>Meaning rule: the job's text means the question and its result does not miss it, or its result covers it.</summary>
    private bool AnswersByMeaning(SpeculationJob job, QuestionMeaning meaning) =>
        (Answers(job, meaning) && !Misses(job, meaning)) || ResultCovers(job, meaning);

    /// <summary>
    /// True when <paramref name="job"/> finished with passages that miss what the built-in index ranks first for
    /// <paramref name="meaning"/>: its best passage when the judge knows the passages, else its top document. The job's
    /// text may mean the same to the judge (whose quick search can differ from the knowledge source's), but its result
    /// cannot answer the question: focusing it would speak another passage ("can I accept a gift" answered from the
    /// meal allowance, the only passage of the result the index also ranked for the question).
    /// </summary>
    private static bool Misses(SpeculationJob job, QuestionMeaning meaning)
    {
        if (job is not { State: SpeculationJobState.Succeeded, Result.Passages: { Count: > 0 } passages } || meaning.Documents.Count == 0)
        {
            return false;
        }

        return meaning.Passages.Count > 0
            ? !passages.Any(p => Is(p, meaning.Passages[0]))
            : !passages.Any(p => string.Equals(p.Document, meaning.Documents[0], StringComparison.Ordinal));
    }

    /// <summary>
    /// True when <paramref name="job"/> is the preliminary whose answer is held (composed, maybe already synthesized)
    /// and that answer still answers <paramref name="meaning"/> (see <see cref="StillAnswers"/>). Such a job is reused
    /// even when its result lacks the question's very best passage: confirming the held response costs nothing, while
    /// discarding it costs a new response.
    /// </summary>
    private static bool HeldAnswerStands(TurnSpeculation turn, SpeculationJob job, QuestionMeaning meaning) =>
        job == turn.Preliminary
        && job is { State: SpeculationJobState.Succeeded, Result: { } result }
        && turn.PreliminaryResult is { Passages.Count: > 0 } sent
        && meaning.Documents.Count > 0
        && StillAnswers(sent, Focus(result, meaning), meaning);

    /// <summary>
    /// Whether a held preliminary answer, composed from <paramref name="sent"/>'s first passage, still answers the final
    /// question whose focused result is <paramref name="focused"/>: the first passage comes from the document the
    /// built-in index ranks first for the final question and, when the index's best passages for it are known, is one
    /// of them (else it is the focused result's first passage). Recognition noise between the text that closed the
    /// question and the final transcript often swaps the index's first and second chunk of the right document:
    /// demanding the very same first chunk then discards a held response that answers the question, and the turn pays
    /// for a second response. A chunk the index does not rank among the question's best is still refused.
    /// </summary>
    public static bool StillAnswers(KnowledgeResult sent, KnowledgeResult focused, QuestionMeaning? finalMeaning)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(focused);
        if (sent.Passages.Count == 0 || focused.Passages.Count == 0)
        {
            return sent.Passages.Count == focused.Passages.Count;
        }

        var first = sent.Passages[0];
        if (finalMeaning is not { Documents.Count: > 0 } known)
        {
            return first.Chunk == focused.Passages[0].Chunk && string.Equals(first.Document, focused.Passages[0].Document, StringComparison.Ordinal);
        }

        if (!string.Equals(first.Document, known.Documents[0], StringComparison.Ordinal))
        {
            return false;
        }

        return known.Passages.Count > 0 ? known.Passages.Any(p => Is(first, p)) : first.Chunk == focused.Passages[0].Chunk;
    }

    /// <summary>0..n-1: the question's best passages in order; n: its top document's other passages; n+1: the rest.</summary>
    private static int Rank(KnowledgePassage passage, IReadOnlyList<PassageRef> best, string topDocument)
    {
        for (var i = 0; i < best.Count; i++)
        {
            if (Is(passage, best[i]))
            {
                return i;
            }
        }

        return string.Equals(passage.Document, topDocument, StringComparison.Ordinal) ? best.Count : best.Count + 1;
    }

    private static bool Is(KnowledgePassage passage, PassageRef reference) =>
        passage.Chunk == reference.Chunk && string.Equals(passage.Document, reference.Document, StringComparison.Ordinal);

    /// <summary>
    /// True when a live job already answers <paramref name="words"/> by text: the same text, or (stopword-extension and
    /// meaning rules) a prefix of it followed by stop words only, which the rule would reuse anyway. Cheap: the meaning
    /// rule checks this before asking the judge.
    /// </summary>
    public bool AlreadyCovered(TurnSpeculation turn, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var key = SpeculationText.Key(words);
        var live = turn.Jobs.Where(j => j.IsLive).ToList();
        return live.Any(j => j.Key == key)
            || (settings.ReuseRule is SpeculationReuseRule.StopwordExtension or SpeculationReuseRule.Meaning
                && live.Any(j => SpeculationText.IsStopwordExtension(j.Words, words)));
    }

    /// <summary>Meaning rule: true when a live job means what <paramref name="meaning"/> means (no new job needed).</summary>
    public bool CoveredByMeaning(TurnSpeculation turn, QuestionMeaning meaning)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Jobs.Any(j => j.IsLive && Answers(j, meaning));
    }

    /// <summary>
    /// Room for a new job with <paramref name="contentWords"/> content words at the in-flight limit: the running jobs to
    /// cancel, and whether the new job should start at all. Text rules: the oldest go, the new one always starts.
    /// Meaning rule, by usefulness: first jobs whose meaning another live job covers, then the least informative
    /// (fewest content words, the oldest first; the new job counts as the newest). When the new job is the least
    /// informative it does not start. The job awaited for a preliminary answer is never cancelled.
    /// </summary>
    public (IReadOnlyList<SpeculationJob> Cancel, bool Start) MakeRoom(TurnSpeculation turn, int contentWords)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!ByMeaning)
        {
            return (turn.OverLimit(settings.MaxInFlight), true);
        }

        var running = turn.Jobs.Where(j => j.State == SpeculationJobState.Running).ToList();
        var need = running.Count - settings.MaxInFlight + 1;
        if (need <= 0)
        {
            return ([], true);
        }

        var movable = running.Where(j => j != turn.PendingPreliminary).OrderBy(j => j.Id).ToList();
        var live = turn.Jobs.Where(j => j.IsLive).ToList();
        var victims = movable
            .Where(j => j.Meaning is { } mine && live.Any(o => o != j && o.Meaning is { } theirs && (o.Id > j.Id || o.State == SpeculationJobState.Succeeded) && _judge.Answers(theirs, mine)))
            .Take(need)
            .ToList();
        foreach (var job in movable.Except(victims).OrderBy(j => j.ContentWords).ThenBy(j => j.Id))
        {
            if (victims.Count == need)
            {
                break;
            }

            if (job.ContentWords > contentWords)
            {
                // The new job is the least informative: keep the running ones.
                return (victims, false);
            }

            victims.Add(job);
        }

        return (victims, victims.Count == need);
    }

    /// <summary>Same-top-k: the results name the same top documents (or, without documents, the same answer).</summary>
    public bool Agree(KnowledgeResult speculative, KnowledgeResult fresh)
    {
        ArgumentNullException.ThrowIfNull(speculative);
        ArgumentNullException.ThrowIfNull(fresh);
        var k = settings.CompareTopK;
        var mine = speculative.TopDocuments(k);
        var theirs = fresh.TopDocuments(k);
        return mine.Count == 0 && theirs.Count == 0
            ? string.Equals(speculative.Answer?.Trim(), fresh.Answer?.Trim(), StringComparison.Ordinal)
            : mine.SetEquals(theirs);
    }

    /// <summary>
    /// Verification (<c>speculation.verify</c>): the reused result agrees with the fresh one when each one's top document
    /// is among the other's top <c>judge.top-k</c> documents; without documents on either side, when the answers are
    /// the same text.
    /// </summary>
    public bool Verify(KnowledgeResult reused, KnowledgeResult fresh)
    {
        ArgumentNullException.ThrowIfNull(reused);
        ArgumentNullException.ThrowIfNull(fresh);
        var k = settings.Judge.TopK;
        var mine = reused.Passages.Select(p => p.Document).Distinct(StringComparer.Ordinal).Take(k).ToList();
        var theirs = fresh.Passages.Select(p => p.Document).Distinct(StringComparer.Ordinal).Take(k).ToList();
        if (mine.Count == 0 || theirs.Count == 0)
        {
            return mine.Count == theirs.Count && string.Equals(reused.Answer?.Trim(), fresh.Answer?.Trim(), StringComparison.Ordinal);
        }

        return theirs.Contains(mine[0], StringComparer.Ordinal) && mine.Contains(theirs[0], StringComparer.Ordinal);
    }

    /// <summary>The part of <paramref name="job"/>'s query time that had passed when the final transcript arrived (see <see cref="SpeculationStats"/>).</summary>
    public static double SavedMs(DateTimeOffset finalAt, SpeculationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var readyAt = job.CompletedAt ?? finalAt;
        var end = readyAt < finalAt ? readyAt : finalAt;
        return Math.Max(0, Math.Round((end - job.StartedAt).TotalMilliseconds, 1));
    }

    private bool Answers(SpeculationJob job, QuestionMeaning meaning) =>
        _judge.Answers(job.Meaning ?? QuestionMeaning.OfWords(job.Key), meaning);
}
