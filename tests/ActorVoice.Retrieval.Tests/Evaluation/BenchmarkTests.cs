using ActorVoice.Evaluation.Datasets;
using ActorVoice.Evaluation.Ranking;
using ActorVoice.Evaluation.Scale;
using ActorVoice.Retrieval.Dense;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Evaluation;

public sealed class BenchmarkTests
{
    [Fact]
    public void Scale_benchmark_should_report_builds_latencies_and_hnsw_recall()
    {
        var options = new ScaleBenchmarkOptions(ChunkCount: 2000, Seed: 3, QueryCount: 60) { IncludeEmbedding = false, Dimension = 64 };

        var report = ScaleBenchmark.Run(options);

        Assert.Contains(report.Builds, build => build.Structure.StartsWith("HNSW", StringComparison.Ordinal) && build.Items == 2000);
        Assert.Contains(report.Latencies, latency => latency.Operation == "hybrid HNSW (BM25 + vector + RRF)" && latency.Samples == 60);
        Assert.True(report.Quality["HNSW recall@10 vs exact"] > 0.9);
        Assert.True(report.Quality["exact top-1 = source chunk"] > 0.9);
        Assert.Contains("| BM25 top-10 | 60 |", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_corpus_should_be_deterministic_per_seed()
    {
        var first = SyntheticCorpus.Generate(100, 16, 5, seed: 9);
        var again = SyntheticCorpus.Generate(100, 16, 5, seed: 9);

        Assert.Equal(first.Texts, again.Texts);
        Assert.Equal(first.QueryVectors[0], again.QueryVectors[0]);
        Assert.NotEqual(first.Texts, SyntheticCorpus.Generate(100, 16, 5, seed: 10).Texts);
    }

    [Fact]
    public void Latency_summary_should_use_nearest_rank_percentiles()
    {
        var summary = LatencySummary.FromSamples("op", Enumerable.Range(1, 100).Select(i => (double)i).ToArray());

        Assert.Equal(50, summary.P50Milliseconds);
        Assert.Equal(99, summary.P99Milliseconds);
        Assert.Equal(50.5, summary.MeanMilliseconds, 9);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Retrieval_benchmark_should_score_every_ranker_on_every_condition()
    {
        var options = new RetrievalBenchmarkOptions(DatasetNames.OrSharc, SharedData.Root, Seed: 1, Limit: 40) { WordErrorRates = [0.25] };

        var report = RetrievalBenchmark.Run(options, MiniLmEmbedder.Shared);

        Assert.Equal(["clean", "spoken", "WER 25%"], report.Conditions.Select(c => c.Name));
        Assert.Equal(3 * 8, report.Rows.Count);
        Assert.All(report.Rows, row => Assert.Equal(40, row.Metrics.QueryCount));
        var cleanBm25 = report.Rows.Single(row => row.Condition == "clean" && row.Ranker == RetrievalBenchmark.Bm25Ranker).Metrics;
        Assert.True(cleanBm25.RecallAt5 > 0.5, $"BM25 recall@5 {cleanBm25.RecallAt5}");
        Assert.True(report.Rows.Single(row => row.Condition == "clean" && row.Ranker == "KnowledgeIndex BM25+phonetic").Metrics.RecallAt5 > 0.5);
        Assert.InRange(report.Conditions[2].MeasuredWordErrorRate, 0.15, 0.35);
    }
}
