using System.Text;
using ActorVoice.Retrieval.Dense;

namespace ActorVoice.Evaluation.Scale;

/// <summary>
/// A seeded synthetic corpus for scale tests. Text: 40–90 pseudo-words per chunk, 35% drawn from the chunk's
/// topic vocabulary and the rest Zipf-distributed over a 20,000-word vocabulary. Vectors are not embeddings
/// of that text (embedding 100k chunks would take minutes) but random vectors with the structure real
/// embeddings have: each is a topic centre plus a sub-topic centre plus noise, unit length, so neighbours
/// cluster as in real corpora (uniform random vectors are a worst case that HNSW handles badly).
/// Queries take a few words of a chunk and a noisy copy of its vector.
/// </summary>
public sealed class SyntheticCorpus
{
    private const int VocabularySize = 20_000;
    private const int TopicWordCount = 100;
    private const int SubTopicsPerTopic = 10;
    private static readonly string[] Syllables =
        ["ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui", "ro", "sa", "te", "vi", "wo", "xa", "ze", "tion", "ment", "er", "al"];

    private SyntheticCorpus(string[] texts, float[][] vectors, string[] queryTexts, float[][] queryVectors, int[] querySources)
    {
        Texts = texts;
        Vectors = vectors;
        QueryTexts = queryTexts;
        QueryVectors = queryVectors;
        QuerySources = querySources;
    }

    public IReadOnlyList<string> Texts { get; }

    public IReadOnlyList<float[]> Vectors { get; }

    public IReadOnlyList<string> QueryTexts { get; }

    public IReadOnlyList<float[]> QueryVectors { get; }

    /// <summary>The chunk each query was drawn from.</summary>
    public IReadOnlyList<int> QuerySources { get; }

    public static SyntheticCorpus Generate(int chunkCount, int dimension, int queryCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        var random = new Random(seed);
        var vocabulary = BuildVocabulary(random);
        var zipf = ZipfCumulative(VocabularySize, 1.07);
        var topicCount = Math.Max(50, chunkCount / 500);
        var topicWords = Enumerable.Range(0, topicCount)
            .Select(_ => Enumerable.Range(0, TopicWordCount).Select(_ => vocabulary[random.Next(300, VocabularySize)]).ToArray())
            .ToArray();
        var topicCentres = Enumerable.Range(0, topicCount).Select(_ => RandomUnit(random, dimension)).ToArray();
        var subCentres = Enumerable.Range(0, topicCount * SubTopicsPerTopic).Select(_ => RandomUnit(random, dimension)).ToArray();

        var texts = new string[chunkCount];
        var words = new string[chunkCount][];
        var vectors = new float[chunkCount][];
        for (var i = 0; i < chunkCount; i++)
        {
            var topic = random.Next(topicCount);
            var length = random.Next(40, 91);
            var chunkWords = new string[length];
            for (var w = 0; w < length; w++)
            {
                chunkWords[w] = random.NextDouble() < 0.35
                    ? topicWords[topic][random.Next(TopicWordCount)]
                    : vocabulary[SampleZipf(zipf, random)];
            }

            words[i] = chunkWords;
            texts[i] = string.Join(' ', chunkWords);
            var sub = subCentres[(topic * SubTopicsPerTopic) + random.Next(SubTopicsPerTopic)];
            var vector = new float[dimension];
            var noise = RandomGaussian(random, dimension, 0.7f / MathF.Sqrt(dimension));
            for (var d = 0; d < dimension; d++)
            {
                vector[d] = (0.7f * topicCentres[topic][d]) + (0.5f * sub[d]) + noise[d];
            }

            vectors[i] = VectorMath.Normalized(vector);
        }

        var queryTexts = new string[queryCount];
        var queryVectors = new float[queryCount][];
        var sources = new int[queryCount];
        for (var q = 0; q < queryCount; q++)
        {
            var source = random.Next(chunkCount);
            var sourceWords = words[source];
            var count = random.Next(4, 8);
            var start = random.Next(Math.Max(1, sourceWords.Length - count));
            queryTexts[q] = string.Join(' ', sourceWords.Skip(start).Take(count));
            var noise = RandomGaussian(random, dimension, 0.5f / MathF.Sqrt(dimension));
            queryVectors[q] = VectorMath.Normalized(vectors[source].Zip(noise, (v, n) => v + n).ToArray());
            sources[q] = source;
        }

        return new SyntheticCorpus(texts, vectors, queryTexts, queryVectors, sources);
    }

    private static string[] BuildVocabulary(Random random)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        while (words.Count < VocabularySize)
        {
            builder.Clear();
            var syllables = random.Next(2, 5);
            for (var s = 0; s < syllables; s++)
            {
                builder.Append(Syllables[random.Next(Syllables.Length)]);
            }

            words.Add(builder.ToString());
        }

        return [.. words];
    }

    private static double[] ZipfCumulative(int size, double exponent)
    {
        var cumulative = new double[size];
        var total = 0.0;
        for (var rank = 0; rank < size; rank++)
        {
            total += 1.0 / Math.Pow(rank + 1, exponent);
            cumulative[rank] = total;
        }

        for (var rank = 0; rank < size; rank++)
        {
            cumulative[rank] /= total;
        }

        return cumulative;
    }

    private static int SampleZipf(double[] cumulative, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static float[] RandomUnit(Random random, int dimension)
    {
        return VectorMath.Normalized(RandomGaussian(random, dimension, 1f));
    }

    private static float[] RandomGaussian(Random random, int dimension, float scale)
    {
        var vector = new float[dimension];
        for (var d = 0; d < dimension; d++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            vector[d] = scale * (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return vector;
    }
}
