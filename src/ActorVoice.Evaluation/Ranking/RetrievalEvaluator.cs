namespace ActorVoice.Evaluation.Ranking;

/// <summary>
/// Runs a ranker over queries and averages Recall@1, Recall@5, MRR@10 and nDCG@10.
/// A ranker takes (query text, how many results) and returns (passage id, score) best first.
/// </summary>
public static class RetrievalEvaluator
{
    public const int Depth = 10;

    public static MetricSummary Evaluate(
        IReadOnlyList<(string Query, IReadOnlySet<string> Relevant)> queries,
        Func<string, int, IReadOnlyList<(string Id, double Score)>> ranker,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(ranker);
        if (queries.Count == 0)
        {
            return new MetricSummary(0, 0, 0, 0, 0);
        }

        double recall1 = 0, recall5 = 0, mrr = 0, ndcg = 0;
        foreach (var (query, relevant) in queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ranked = ranker(query, Depth).Select(result => result.Id).ToArray();
            recall1 += RetrievalMetrics.RecallAt(ranked, relevant, 1);
            recall5 += RetrievalMetrics.RecallAt(ranked, relevant, 5);
            mrr += RetrievalMetrics.ReciprocalRankAt(ranked, relevant, Depth);
            ndcg += RetrievalMetrics.NdcgAt(ranked, relevant, Depth);
        }

        var n = queries.Count;
        return new MetricSummary(n, recall1 / n, recall5 / n, mrr / n, ndcg / n);
    }
}
