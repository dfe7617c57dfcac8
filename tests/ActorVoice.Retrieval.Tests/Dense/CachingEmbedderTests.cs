using ActorVoice.Retrieval.Dense;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Dense;

public sealed class CachingEmbedderTests
{
    [Fact]
    public void Cache_should_treat_case_punctuation_and_spacing_as_the_same_text()
    {
        var inner = new CountingEmbedder();
        var cache = new CachingEmbedder(inner);

        var first = cache.Embed("How do I reset  my password?");
        var second = cache.Embed("how do i reset my password");

        Assert.Equal(first, second);
        Assert.Equal(["how do i reset my password"], inner.Seen);
        Assert.Equal(1, cache.Hits);
    }

    [Theory]
    [InlineData("how do I re", "how do I")]
    [InlineData("how do I reset ", "how do I reset ")]
    [InlineData("how do I reset?", "how do I reset?")]
    [InlineData("reset", "")]
    [InlineData("", "")]
    public void Complete_word_prefix_should_drop_an_unfinished_last_word(string partial, string expected)
    {
        Assert.Equal(expected, CachingEmbedder.CompleteWordPrefix(partial));
    }

    [Fact]
    public void Growing_partials_should_hit_the_cache_until_a_word_completes()
    {
        var inner = new CountingEmbedder();
        var cache = new CachingEmbedder(inner);

        Assert.Null(cache.EmbedAtWordBoundary("how"));
        var a = cache.EmbedAtWordBoundary("how do I re");
        var b = cache.EmbedAtWordBoundary("how do I res");
        var c = cache.EmbedAtWordBoundary("how do I rese");
        var d = cache.EmbedAtWordBoundary("how do I reset ");

        Assert.Equal(a, b);
        Assert.Equal(a, c);
        Assert.NotEqual(a, d);
        Assert.Equal(["how do i", "how do i reset"], inner.Seen);
        Assert.Equal(2, cache.Hits);
    }

    [Fact]
    public void Cache_should_evict_the_least_recently_used_entry()
    {
        var inner = new CountingEmbedder();
        var cache = new CachingEmbedder(inner, capacity: 2);

        cache.Embed("alpha");
        cache.Embed("beta");
        cache.Embed("alpha");
        cache.Embed("gamma");
        cache.Embed("alpha");
        cache.Embed("beta");

        Assert.Equal(["alpha", "beta", "gamma", "beta"], inner.Seen);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Batch_should_embed_only_the_distinct_misses()
    {
        var inner = new CountingEmbedder();
        var cache = new CachingEmbedder(inner);
        cache.Embed("cached one");

        var vectors = cache.EmbedBatch(["Cached one!", "new one", "NEW one", "other"]);

        Assert.Equal(4, vectors.Count);
        Assert.Equal(vectors[1], vectors[2]);
        Assert.Equal(["cached one", "new one", "other"], inner.Seen);
    }

    [Fact]
    public void Cache_should_honour_cancellation_before_calling_the_model()
    {
        var inner = new CountingEmbedder();
        var cache = new CachingEmbedder(inner);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => cache.Embed("question", cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => cache.EmbedAtWordBoundary("question ", cancelled.Token));
        Assert.Empty(inner.Seen);
    }

    [Fact]
    public void Returned_vectors_should_be_copies_the_caller_may_change()
    {
        var cache = new CachingEmbedder(new CountingEmbedder());

        var first = cache.Embed("question");
        first[0] = 42f;

        Assert.NotEqual(42f, cache.Embed("question")[0]);
    }

    /// <summary>Deterministic fake model: records every text it embeds.</summary>
    private sealed class CountingEmbedder : ITextEmbedder
    {
        private readonly Lock gate = new();

        public List<string> Seen { get; } = [];

        public string ModelName => "counting";

        public int Dimension => 4;

        public float[] Embed(string text, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (gate)
            {
                Seen.Add(text);
            }

            var hash = (uint)text.GetHashCode(StringComparison.Ordinal);
            return [hash & 0xFF, (hash >> 8) & 0xFF, (hash >> 16) & 0xFF, text.Length];
        }

        public IReadOnlyList<float[]> EmbedBatch(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            return texts.Select(text => Embed(text, cancellationToken)).ToArray();
        }
    }
}
