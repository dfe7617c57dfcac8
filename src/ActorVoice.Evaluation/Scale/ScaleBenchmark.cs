using System.Diagnostics;
using ActorVoice.Evaluation.Ranking;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Fusion;

namespace ActorVoice.Evaluation.Scale;

/// <summary>
/// Builds BM25, exact (float32 and int8) and HNSW indexes over a <see cref="SyntheticCorpus"/> of N chunks and
/// times single-threaded queries: each alone, hybrid (BM25 + vector top-50 each, fused by RRF, top-10) without
/// query embedding, the real MiniLM embedding of short questions, and hybrid including that embedding.
/// </summary>
public static class ScaleBenchmark
{
    private const int WarmUpQueries = 50;
    private const int EmbeddingSamples = 200;
    private const int RrfK = 60;

    private static readonly string[] ShortQuestions =
    [
        "How do I reset my password?",
        "Can I claim my pension abroad?",
        "What is the refund policy?",
        "How many days of leave do I get?",
        "Who approves my expenses?",
        "Is parking free for visitors?",
        "How do I pair the headphones?",
        "When does the warranty end?",
        "Can I work from home on Fridays?",
        "How do I apply for a home loan?",
    ];

    public static ScaleBenchmarkReport Run(
        ScaleBenchmarkOptions options,
        ITextEmbedder? embedder = null,
        TextWriter? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builds = new List<BuildFigure>();
        var latencies = new List<LatencySummary>();
        var quality = new Dictionary<string, double>(StringComparer.Ordinal);

        var clock = Stopwatch.StartNew();
        var corpus = SyntheticCorpus.Generate(options.ChunkCount, options.Dimension, options.QueryCount + WarmUpQueries, options.Seed);
        progress?.WriteLine($"Generated {options.ChunkCount:N0} synthetic chunks in {clock.Elapsed.TotalSeconds:F1} s");
        var chunkIds = Enumerable.Range(0, options.ChunkCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        using var bm25 = Measure(builds, "BM25 (Lucene RAMDirectory, EnglishAnalyzer)", options.ChunkCount, progress, () =>
            LuceneBm25Ranker.Build(chunkIds.Zip(corpus.Texts)));
        using var exact = Measure(builds, "exact float32", options.ChunkCount, progress, () => Fill(new ExactVectorIndex(options.Dimension, VectorQuantization.None, options.ChunkCount), corpus, cancellationToken));
        using var exactInt8 = Measure(builds, "exact int8", options.ChunkCount, progress, () => Fill(new ExactVectorIndex(options.Dimension, VectorQuantization.Int8, options.ChunkCount), corpus, cancellationToken));
        using var hnsw = options.IncludeHnsw
            ? Measure(builds, $"HNSW (USearch, M={options.Hnsw.Connectivity}, ef add {options.Hnsw.ExpansionAdd}, ef search {options.Hnsw.ExpansionSearch})", options.ChunkCount, progress, () => Fill(new HnswVectorIndex(options.Dimension, options.Hnsw), corpus, cancellationToken))
            : null;

        var queries = Enumerable.Range(WarmUpQueries, options.QueryCount).ToArray();
        var warmUp = Enumerable.Range(0, WarmUpQueries).ToArray();
        latencies.Add(Time("BM25 top-10", warmUp, queries, q => bm25.Search(corpus.QueryTexts[q], options.TopK)));
        latencies.Add(Time("exact float32 top-10", warmUp, queries, q => exact.Search(corpus.QueryVectors[q], options.TopK)));
        latencies.Add(Time("exact int8 top-10", warmUp, queries, q => exactInt8.Search(corpus.QueryVectors[q], options.TopK)));
        quality["exact top-1 = source chunk"] = queries.Average(q => exact.Search(corpus.QueryVectors[q], 1)[0].Id == corpus.QuerySources[q] ? 1.0 : 0.0);
        quality["int8 recall@10 vs exact"] = RecallAgainstExact(exact, exactInt8, corpus, queries, options.TopK);
        latencies.Add(Time("hybrid exact float32 (BM25 + vector + RRF)", warmUp, queries, q => Hybrid(bm25, exact, corpus.QueryTexts[q], corpus.QueryVectors[q], options)));
        latencies.Add(Time("hybrid exact int8 (BM25 + vector + RRF)", warmUp, queries, q => Hybrid(bm25, exactInt8, corpus.QueryTexts[q], corpus.QueryVectors[q], options)));
        if (hnsw is not null)
        {
            latencies.Add(Time("HNSW top-10", warmUp, queries, q => hnsw.Search(corpus.QueryVectors[q], options.TopK)));
            quality["HNSW recall@10 vs exact"] = RecallAgainstExact(exact, hnsw, corpus, queries, options.TopK);
            latencies.Add(Time("hybrid HNSW (BM25 + vector + RRF)", warmUp, queries, q => Hybrid(bm25, hnsw, corpus.QueryTexts[q], corpus.QueryVectors[q], options)));
        }

        if (options.IncludeEmbedding && embedder is not null)
        {
            progress?.WriteLine($"Timing {embedder.ModelName} on short questions");
            _ = embedder.Embed("warm up the model", cancellationToken);
            var samples = Enumerable.Range(0, EmbeddingSamples).ToArray();
            var warm = Enumerable.Range(0, 20).ToArray();
            latencies.Add(Time("embed short question (MiniLM)", warm, samples, i => embedder.Embed(ShortQuestions[i % ShortQuestions.Length], cancellationToken)));
            var vectorIndex = (IVectorIndex?)hnsw ?? exact;
            var name = hnsw is null ? "hybrid exact float32 incl. embedding" : "hybrid HNSW incl. embedding";
            latencies.Add(Time(name, warm, samples, i =>
            {
                var question = ShortQuestions[i % ShortQuestions.Length];
                return Hybrid(bm25, vectorIndex, question, embedder.Embed(question, cancellationToken), options);
            }));
        }

        builds.Add(new BuildFigure("whole run (process totals)", 0, clock.Elapsed.TotalSeconds, GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet));
        var description = "Synthetic text (Zipf pseudo-words with topic vocabularies) and random clustered unit vectors "
            + "(topic + sub-topic centre + noise; not embeddings of the text); queries are 4-7 words of a chunk and a noisy copy of its vector. "
            + "Single-threaded queries; hybrid = BM25 top-50 + vector top-50 fused by RRF (k=60) to top-10.";
        return new ScaleBenchmarkReport(options.ChunkCount, options.Dimension, description, builds, latencies, quality);
    }

    private static FusedCandidate[] Hybrid(
        LuceneBm25Ranker bm25,
        IVectorIndex vectors,
        string text,
        float[] vector,
        ScaleBenchmarkOptions options)
    {
        var lexical = bm25.SearchPositions(text, options.FusionDepth);
        var dense = vectors.Search(vector, options.FusionDepth).Select(match => new RankedId(match.Id, match.Score)).ToArray();
        return RankFusion.Reciprocal(lexical, dense, RrfK).Take(options.TopK).ToArray();
    }

    private static double RecallAgainstExact(ExactVectorIndex exact, IVectorIndex candidate, SyntheticCorpus corpus, int[] queries, int k)
    {
        var found = 0;
        foreach (var q in queries)
        {
            var expected = exact.Search(corpus.QueryVectors[q], k).Select(match => match.Id).ToHashSet();
            found += candidate.Search(corpus.QueryVectors[q], k).Count(match => expected.Contains(match.Id));
        }

        return (double)found / (queries.Length * k);
    }

    private static T Fill<T>(T index, SyntheticCorpus corpus, CancellationToken cancellationToken)
        where T : IVectorIndex
    {
        for (var i = 0; i < corpus.Vectors.Count; i++)
        {
            if (i % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            index.Add(i, corpus.Vectors[i]);
        }

        return index;
    }

    private static T Measure<T>(List<BuildFigure> builds, string name, int items, TextWriter? progress, Func<T> build)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var result = build();
        clock.Stop();
        var added = GC.GetTotalMemory(forceFullCollection: true) - before;
        var figure = new BuildFigure(name, items, clock.Elapsed.TotalSeconds, added, Environment.WorkingSet);
        builds.Add(figure);
        progress?.WriteLine($"Built {name}: {figure.Seconds:F1} s, {figure.ItemsPerSecond:N0}/s, managed +{added / 1048576.0:F0} MiB, working set {figure.WorkingSetBytesAfter / 1048576.0:F0} MiB");
        return result;
    }

    private static LatencySummary Time<T>(string name, int[] warmUp, int[] samples, Func<int, T> operation)
    {
        foreach (var i in warmUp)
        {
            _ = operation(i);
        }

        var milliseconds = new double[samples.Length];
        for (var s = 0; s < samples.Length; s++)
        {
            var start = Stopwatch.GetTimestamp();
            _ = operation(samples[s]);
            milliseconds[s] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return LatencySummary.FromSamples(name, milliseconds);
    }
}
