using System.Globalization;
using System.Text;

namespace ActorVoice.Evaluation.Ranking;

/// <summary>The result of <see cref="RetrievalBenchmark.Run"/>: corpus facts, query conditions, one row per (condition, ranker).</summary>
public sealed record RetrievalBenchmarkReport(
    string Dataset,
    int PassageCount,
    int QueryCount,
    string EmbeddingModel,
    IReadOnlyList<BenchmarkCondition> Conditions,
    IReadOnlyList<BenchmarkRow> Rows,
    IReadOnlyDictionary<string, double> TimingsSeconds)
{
    /// <summary>A Markdown table (also readable in a terminal).</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Dataset {Dataset}: {PassageCount} passages, {QueryCount} questions; dense model {EmbeddingModel}.");
        foreach (var condition in Conditions)
        {
            text.AppendLine(culture, $"- {condition.Name}: {condition.Description} (measured WER {condition.MeasuredWordErrorRate:P1}, {condition.QueryCount} queries)");
        }

        text.AppendLine();
        text.AppendLine("| condition | ranker | Recall@1 | Recall@5 | MRR@10 | nDCG@10 |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var row in Rows)
        {
            var m = row.Metrics;
            text.AppendLine(culture, $"| {row.Condition} | {row.Ranker} | {m.RecallAt1:F3} | {m.RecallAt5:F3} | {m.MrrAt10:F3} | {m.NdcgAt10:F3} |");
        }

        text.AppendLine();
        text.AppendLine("Timings: " + string.Join(", ", TimingsSeconds.Select(pair => string.Create(culture, $"{pair.Key} {pair.Value:F1} s"))));
        return text.ToString();
    }
}
