namespace ActorVoice.Evaluation.Datasets;

/// <summary>A corpus of passages and the questions (with gold passage ids) asked of it.</summary>
public sealed record RetrievalDataset(string Name, IReadOnlyList<EvaluationPassage> Passages, IReadOnlyList<EvaluationQuery> Queries)
{
    /// <summary>Number of (question, relevant passage) pairs.</summary>
    public int RelevantPairCount => Queries.Sum(query => query.RelevantIds.Count);

    /// <summary>Number of distinct passage groups (threads, sources).</summary>
    public int GroupCount => Passages.Select(passage => passage.Group).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The first <paramref name="count"/> queries (all of them when null); the corpus stays whole.</summary>
    public RetrievalDataset WithQueryLimit(int? count)
    {
        return count is { } limit && limit < Queries.Count ? this with { Queries = Queries.Take(limit).ToArray() } : this;
    }
}
