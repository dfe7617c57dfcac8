using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Engine.Speculation;

/// <summary>
/// The reuse rule of <see cref="SpeculationSettings.ReuseRule"/>: which speculative job may answer the final transcript,
/// whether a new speculative job is needed for a prefix, whether a speculative result agrees with the fresh one, and
/// how much time a reused job saved.
/// </summary>
public sealed class ReuseDecision(SpeculationSettings settings)
{
    /// <summary>
    /// The job that answers <paramref name="finalWords"/> under the rule: the longest matching live job, a finished one
    /// before a running one, the newest first; null when none does.
    /// </summary>
    public SpeculationJob? Candidate(TurnSpeculation turn, IReadOnlyList<string> finalWords)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var key = SpeculationText.Key(finalWords);
        Func<SpeculationJob, bool> answers = settings.ReuseRule switch
        {
            SpeculationReuseRule.Normalized => j => j.Key == key,
            SpeculationReuseRule.StopwordExtension => j => SpeculationText.IsStopwordExtension(j.Words, finalWords),
            _ => j => SpeculationText.IsPrefix(j.Words, finalWords),
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
    /// True when a live job already answers <paramref name="words"/>: the same text, or (stopword-extension rule) a
    /// prefix of it followed by stop words only, which the rule would reuse anyway.
    /// </summary>
    public bool AlreadyCovered(TurnSpeculation turn, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var key = SpeculationText.Key(words);
        var live = turn.Jobs.Where(j => j.IsLive).ToList();
        return live.Any(j => j.Key == key)
            || (settings.ReuseRule == SpeculationReuseRule.StopwordExtension && live.Any(j => SpeculationText.IsStopwordExtension(j.Words, words)));
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

    /// <summary>The part of <paramref name="job"/>'s query time that had passed when the final transcript arrived (see <see cref="SpeculationStats"/>).</summary>
    public static double SavedMs(DateTimeOffset finalAt, SpeculationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var readyAt = job.CompletedAt ?? finalAt;
        var end = readyAt < finalAt ? readyAt : finalAt;
        return Math.Max(0, Math.Round((end - job.StartedAt).TotalMilliseconds, 1));
    }
}
