using System.Diagnostics;
using System.Globalization;
using ActorVoice.Evaluation.Datasets;
using ActorVoice.Evaluation.Noise;
using ActorVoice.Evaluation.WordErrors;
using ActorVoice.Retrieval;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Fusion;
using ActorVoice.Text.Normalization;

namespace ActorVoice.Evaluation.Ranking;

/// <summary>
/// Evaluates BM25, dense, reciprocal rank fusion and weighted-sum fusion on a dataset's questions: clean,
/// spoken-style where the dataset has it, and with simulated recognition errors at each target WER.
/// Each ranker's candidate lists are computed once per query text and shared by the fusion rows.
/// </summary>
public static class RetrievalBenchmark
{
    public const string Bm25Ranker = "BM25";
    public const string DenseRankerName = "dense";
    public const string RrfRanker = "RRF (k=60)";

    public static RetrievalBenchmarkReport Run(
        RetrievalBenchmarkOptions options,
        ITextEmbedder embedder,
        TextWriter? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(embedder);
        var dataset = DatasetNames.Load(options.Dataset, options.DataRoot).WithQueryLimit(options.Limit);
        var timings = new Dictionary<string, double>(StringComparer.Ordinal);
        var conditions = BuildConditions(dataset, options, progress, timings);

        var clock = Stopwatch.StartNew();
        var passages = dataset.Passages.Select(passage => (passage.Id, passage.Text)).ToArray();
        using var bm25 = LuceneBm25Ranker.Build(passages);
        timings["BM25 index"] = clock.Elapsed.TotalSeconds;
        progress?.WriteLine($"BM25 index: {passages.Length} passages in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        var cachingEmbedder = new CachingEmbedder(embedder, Math.Max(1024, conditions.Sum(c => c.Queries.Count) + 16));
        using var dense = DenseRanker.Build(cachingEmbedder, passages, cancellationToken: cancellationToken);
        timings["embed corpus"] = clock.Elapsed.TotalSeconds;
        progress?.WriteLine($"Dense index: {passages.Length} passages embedded in {clock.Elapsed.TotalSeconds:F1} s");

        clock.Restart();
        _ = cachingEmbedder.EmbedBatch(conditions.SelectMany(c => c.Queries.Select(q => q.Query)).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
        timings["embed queries"] = clock.Elapsed.TotalSeconds;
        progress?.WriteLine($"Queries embedded in {clock.Elapsed.TotalSeconds:F1} s");

        var ids = passages.Select(passage => passage.Id).ToArray();
        var lexicalCache = new Dictionary<string, IReadOnlyList<RankedId>>(StringComparer.Ordinal);
        var denseCache = new Dictionary<string, IReadOnlyList<RankedId>>(StringComparer.Ordinal);
        IReadOnlyList<RankedId> Lexical(string query) =>
            lexicalCache.TryGetValue(query, out var hits) ? hits : lexicalCache[query] = bm25.SearchPositions(query, options.FusionDepth);
        IReadOnlyList<RankedId> Dense(string query) =>
            denseCache.TryGetValue(query, out var hits) ? hits : denseCache[query] = dense.SearchPositions(query, options.FusionDepth);
        IReadOnlyList<(string Id, double Score)> Named(IEnumerable<FusedCandidate> fused, int k) =>
            fused.Take(k).Select(candidate => (ids[candidate.Id], candidate.Score)).ToArray();

        var rankers = new List<(string Name, Func<string, int, IReadOnlyList<(string Id, double Score)>> Rank)>
        {
            (Bm25Ranker, (query, k) => Named(RankFusion.LexicalOnly(Lexical(query)), k)),
            (DenseRankerName, (query, k) => Named(RankFusion.DenseOnly(Dense(query)), k)),
            (RrfRanker, (query, k) => Named(RankFusion.Reciprocal(Lexical(query), Dense(query), options.RrfK), k)),
        };
        foreach (var weight in options.DenseWeights)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"weighted (dense {weight:0.##})");
            rankers.Add((name, (query, k) => Named(RankFusion.Weighted(Lexical(query), Dense(query), weight), k)));
        }

        KnowledgeIndexRanker? knowledgeIndex = null;
        if (options.IncludeKnowledgeIndex)
        {
            clock.Restart();
            knowledgeIndex = KnowledgeIndexRanker.Build(passages, cachingEmbedder, cancellationToken);
            timings["KnowledgeIndex build"] = clock.Elapsed.TotalSeconds;
            progress?.WriteLine($"KnowledgeIndex: {passages.Length} passages as {knowledgeIndex.ChunkCount} chunks in {clock.Elapsed.TotalSeconds:F1} s");
            rankers.Add(("KnowledgeIndex BM25+phonetic", (query, k) => knowledgeIndex.Search(query, k, SearchMode.Bm25)));
            rankers.Add(("KnowledgeIndex RRF", (query, k) => knowledgeIndex.Search(query, k, SearchMode.Rrf)));
        }

        clock.Restart();
        var rows = new List<BenchmarkRow>();
        foreach (var condition in conditions)
        {
            foreach (var (name, rank) in rankers)
            {
                rows.Add(new BenchmarkRow(condition.Info.Name, name, RetrievalEvaluator.Evaluate(condition.Queries, rank, cancellationToken)));
            }
        }

        timings["rank and score"] = clock.Elapsed.TotalSeconds;
        knowledgeIndex?.Dispose();
        return new RetrievalBenchmarkReport(
            dataset.Name,
            dataset.Passages.Count,
            dataset.Queries.Count,
            embedder.ModelName,
            conditions.Select(c => c.Info).ToArray(),
            rows,
            timings);
    }

    private static List<(BenchmarkCondition Info, IReadOnlyList<(string Query, IReadOnlySet<string> Relevant)> Queries)> BuildConditions(
        RetrievalDataset dataset,
        RetrievalBenchmarkOptions options,
        TextWriter? progress,
        Dictionary<string, double> timings)
    {
        var clean = dataset.Queries.Select(query => (query.Text, query.RelevantIds)).ToArray();
        var conditions = new List<(BenchmarkCondition, IReadOnlyList<(string, IReadOnlySet<string>)>)>
        {
            (new BenchmarkCondition("clean", "the dataset's question text", 0, clean.Length), clean),
        };

        if (dataset.Queries.Any(query => !string.Equals(query.SpokenText, query.Text, StringComparison.Ordinal)))
        {
            var spoken = dataset.Queries.Select(query => (query.SpokenText, query.RelevantIds)).ToArray();
            conditions.Add((new BenchmarkCondition("spoken", "scenario + \" \" + question", 0, spoken.Length), spoken));
        }

        if (options.WordErrorRates.Count == 0)
        {
            return conditions;
        }

        var clock = Stopwatch.StartNew();
        var dictionary = SoundAlikeDictionary.Load(options.DictionaryPath);
        timings["load CMU dictionary"] = clock.Elapsed.TotalSeconds;
        progress?.WriteLine($"CMU dictionary: {dictionary.WordCount} words in {clock.Elapsed.TotalSeconds:F1} s");
        var texts = dataset.Queries.Select(query => query.Text).ToArray();
        foreach (var rate in options.WordErrorRates)
        {
            var model = new RecognitionNoiseModel(dictionary, rate);
            var seed = (options.Seed * 1000) + (int)Math.Round(rate * 100);
            var noisy = model.CorruptAll(texts, seed);
            var measured = WordErrorRate.Corpus(texts.Select((text, i) => (TextNormalizer.Transcript(text), noisy[i])));
            var name = string.Create(CultureInfo.InvariantCulture, $"WER {rate * 100:0}%");
            var description = string.Create(CultureInfo.InvariantCulture, $"simulated recognition errors, target {rate * 100:0}%, seed {seed}");
            var queries = dataset.Queries.Select((query, i) => (noisy[i], query.RelevantIds)).ToArray();
            conditions.Add((new BenchmarkCondition(name, description, measured, queries.Length), queries));
        }

        return conditions;
    }
}
