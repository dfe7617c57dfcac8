using ActorVoice.Text.Normalization;

namespace ActorVoice.Retrieval.Dense;

/// <summary>
/// Caches embeddings by normalised text (lower-case, punctuation removed, whitespace collapsed) in a bounded
/// LRU. The normalised text is what gets embedded, so two inputs with the same key always share one vector.
/// Speculative retrieval feeds growing partial transcripts through <see cref="EmbedAtWordBoundary"/>, which
/// embeds only the complete words: "how do I re" and "how do I res" both embed "how do i" and hit the cache.
/// </summary>
public sealed class CachingEmbedder : ITextEmbedder
{
    private readonly ITextEmbedder inner;
    private readonly int capacity;
    private readonly Dictionary<string, LinkedListNode<CacheEntry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<CacheEntry> recency = new();
    private readonly Lock gate = new();
    private long hits;

    public CachingEmbedder(ITextEmbedder inner, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        this.inner = inner;
        this.capacity = capacity;
    }

    public string ModelName => inner.ModelName;

    public int Dimension => inner.Dimension;

    public long Hits => Interlocked.Read(ref hits);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    public float[] Embed(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        var key = TextNormalizer.Key(text);
        if (TryGet(key, out var cached))
        {
            return cached;
        }

        // Computed outside the lock: two concurrent misses on one key both embed, which is harmless.
        var vector = inner.Embed(key, cancellationToken);
        Store(key, vector);
        return (float[])vector.Clone();
    }

    public IReadOnlyList<float[]> EmbedBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new float[texts.Count][];
        var missingKeys = new List<string>();
        var missingPositions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            var key = TextNormalizer.Key(texts[i]);
            if (TryGet(key, out var cached))
            {
                results[i] = cached;
                continue;
            }

            if (!missingPositions.TryGetValue(key, out var positions))
            {
                positions = [];
                missingPositions[key] = positions;
                missingKeys.Add(key);
            }

            positions.Add(i);
        }

        if (missingKeys.Count > 0)
        {
            var vectors = inner.EmbedBatch(missingKeys, cancellationToken);
            for (var k = 0; k < missingKeys.Count; k++)
            {
                Store(missingKeys[k], vectors[k]);
                foreach (var position in missingPositions[missingKeys[k]])
                {
                    results[position] = (float[])vectors[k].Clone();
                }
            }
        }

        return results;
    }

    /// <summary>
    /// Embeds the complete words of a partial transcript. Text that ends mid-word is cut back to its last
    /// whitespace, so the unfinished word is ignored until it is complete. Returns null while no word is complete.
    /// </summary>
    public float[]? EmbedAtWordBoundary(string partialTranscript, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partialTranscript);
        var complete = CompleteWordPrefix(partialTranscript);
        return TextNormalizer.Key(complete).Length == 0 ? null : Embed(complete, cancellationToken);
    }

    /// <summary>The prefix of <paramref name="text"/> up to its last complete word.</summary>
    public static string CompleteWordPrefix(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        var last = text[^1];
        if (char.IsWhiteSpace(last) || char.IsPunctuation(last))
        {
            return text;
        }

        var boundary = text.AsSpan().LastIndexOfAny(" \t\r\n");
        return boundary < 0 ? string.Empty : text[..boundary];
    }

    private bool TryGet(string key, out float[] vector)
    {
        lock (gate)
        {
            if (entries.TryGetValue(key, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                Interlocked.Increment(ref hits);
                vector = (float[])node.Value.Vector.Clone();
                return true;
            }
        }

        vector = [];
        return false;
    }

    private void Store(string key, float[] vector)
    {
        var copy = (float[])vector.Clone();
        lock (gate)
        {
            if (entries.TryGetValue(key, out var existing))
            {
                recency.Remove(existing);
            }
            else if (entries.Count >= capacity)
            {
                var oldest = recency.Last!;
                recency.RemoveLast();
                entries.Remove(oldest.Value.Key);
            }

            var node = recency.AddFirst(new CacheEntry(key, copy));
            entries[key] = node;
        }
    }

    private sealed record CacheEntry(string Key, float[] Vector);
}
