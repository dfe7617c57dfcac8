using ActorVoice.Retrieval.Dense;

namespace ActorVoice.Retrieval.Tests.Search;

/// <summary>
/// Test fake: hashes lower-cased words into a small unit vector, so texts sharing words are similar.
/// Counts the texts it embeds, which shows what a re-index had to embed again.
/// </summary>
internal sealed class BagOfWordsEmbedder(string modelName = "fake-bag-of-words", int dimension = 64) : ITextEmbedder
{
    private int _embedded;

    public string ModelName { get; } = modelName;

    public int Dimension { get; } = dimension;

    public int TextsEmbedded => Volatile.Read(ref _embedded);

    public float[] Embed(string text, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _embedded);
        var vector = new float[Dimension];
        foreach (var word in text.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = word.Trim('.', ',', '?', '!', '"', '\'', ':');
            if (trimmed.Length > 3)
            {
                vector[(int)((uint)StableHash(trimmed[..Math.Min(5, trimmed.Length)]) % (uint)Dimension)] += 1;
            }
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    public IReadOnlyList<float[]> EmbedBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        [.. texts.Select(t => Embed(t, cancellationToken))];

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
