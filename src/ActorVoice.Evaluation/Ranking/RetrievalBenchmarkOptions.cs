using ActorVoice.Text.Pronunciation;

namespace ActorVoice.Evaluation.Ranking;

/// <summary>
/// Settings of <see cref="RetrievalBenchmark"/>. <see cref="DataRoot"/> holds or-sharc/ and stackfaq/;
/// <see cref="Limit"/> keeps only the first N questions (the corpus stays whole).
/// </summary>
public sealed record RetrievalBenchmarkOptions(
    string Dataset,
    string DataRoot,
    int Seed = 42,
    int? Limit = null,
    string DictionaryPath = CmuDictionary.PocketsphinxDefaultPath)
{
    /// <summary>Simulated word error rates, one query condition each.</summary>
    public IReadOnlyList<double> WordErrorRates { get; init; } = [0.10, 0.25];

    /// <summary>Dense weights of the weighted-sum fusion rows.</summary>
    public IReadOnlyList<double> DenseWeights { get; init; } = [0.3, 0.5, 0.7];

    /// <summary>How many results each ranker hands to fusion.</summary>
    public int FusionDepth { get; init; } = 50;

    /// <summary>Reciprocal rank fusion constant.</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>
    /// Also evaluate the engine's own KnowledgeIndex (passages written as files, chunked, Lucene BM25 with the
    /// phonetic field, and its RRF), which re-embeds the chunks.
    /// </summary>
    public bool IncludeKnowledgeIndex { get; init; } = true;
}
