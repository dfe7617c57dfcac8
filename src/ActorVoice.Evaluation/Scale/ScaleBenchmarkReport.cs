using System.Globalization;
using System.Text;
using ActorVoice.Evaluation.Ranking;

namespace ActorVoice.Evaluation.Scale;

/// <summary>Build rates, memory and query latencies of <see cref="ScaleBenchmark"/>.</summary>
public sealed record ScaleBenchmarkReport(
    int ChunkCount,
    int Dimension,
    string CorpusDescription,
    IReadOnlyList<BuildFigure> Builds,
    IReadOnlyList<LatencySummary> Latencies,
    IReadOnlyDictionary<string, double> Quality)
{
    public string ToTable()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"Scale benchmark: {ChunkCount:N0} chunks, {Dimension}-d vectors. {CorpusDescription}");
        text.AppendLine();
        text.AppendLine("| build | items | seconds | items/s | managed MiB added | working set MiB after |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var build in Builds)
        {
            var items = build.Items > 0 ? build.Items.ToString("N0", culture) : "-";
            var rate = build.Items > 0 ? build.ItemsPerSecond.ToString("N0", culture) : "-";
            text.AppendLine(culture, $"| {build.Structure} | {items} | {build.Seconds:F2} | {rate} | {build.ManagedBytesAdded / 1048576.0:F1} | {build.WorkingSetBytesAfter / 1048576.0:F0} |");
        }

        text.AppendLine();
        text.AppendLine("| query | samples | p50 ms | p99 ms | mean ms |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var latency in Latencies)
        {
            text.AppendLine(culture, $"| {latency.Operation} | {latency.Samples} | {latency.P50Milliseconds:F3} | {latency.P99Milliseconds:F3} | {latency.MeanMilliseconds:F3} |");
        }

        if (Quality.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Quality checks: " + string.Join(", ", Quality.Select(pair => string.Create(culture, $"{pair.Key} {pair.Value:P1}"))));
        }

        return text.ToString();
    }
}
