using System.Numerics.Tensors;
using ActorVoice.Retrieval.Dense;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Dense;

public sealed class MiniLmEmbedderTests
{
    private static readonly MiniLmEmbedder Embedder = MiniLmEmbedder.Shared;

    [Fact]
    public void Embedder_should_produce_384_dimensional_unit_vectors()
    {
        var vector = Embedder.Embed("How do I reset my password?");

        Assert.Equal(384, Embedder.Dimension);
        Assert.Equal(384, vector.Length);
        Assert.Equal(1.0, TensorPrimitives.Norm(vector), 3);
    }

    [Theory]
    [InlineData("How do I reset my password?", "I forgot my login password and need a new one.", "The weather in Lisbon is sunny today.")]
    [InlineData("Can I claim my pension abroad?", "Getting your State Pension if you live overseas.", "How to make strikethrough text in markdown.")]
    [InlineData("My cat is sleeping.", "A kitten naps on the sofa.", "Interest rates on home loans rose.")]
    public void Embedder_should_score_similar_sentences_above_unrelated_ones(string anchor, string similar, string unrelated)
    {
        var vectors = Embedder.EmbedBatch([anchor, similar, unrelated]);

        var similarScore = TensorPrimitives.Dot(vectors[0], vectors[1]);
        var unrelatedScore = TensorPrimitives.Dot(vectors[0], vectors[2]);

        Assert.True(similarScore > unrelatedScore + 0.2f, $"similar {similarScore:F3} vs unrelated {unrelatedScore:F3}");
    }

    [Fact]
    public void Batch_and_single_embeddings_should_agree_and_long_or_empty_text_should_embed()
    {
        var longText = string.Join(' ', Enumerable.Repeat("the tax rules for a pension (lump-sum) paid abroad;", 150));

        var batch = Embedder.EmbedBatch(["short question", longText, string.Empty]);
        var single = Embedder.Embed("short question");

        Assert.True(TensorPrimitives.CosineSimilarity(batch[0], single) > 0.9999f);
        Assert.Equal(384, batch[1].Length);
        Assert.Equal(384, batch[2].Length);
    }

    [Fact]
    public void Embedder_should_be_safe_to_call_from_several_threads()
    {
        var expected = Embedder.Embed("parallel question number one");

        var results = new float[8][];
        Parallel.For(0, results.Length, i => results[i] = Embedder.Embed("parallel question number one"));

        Assert.All(results, vector => Assert.True(TensorPrimitives.CosineSimilarity(expected, vector) > 0.9999f));
    }

    [Fact]
    public void Embedder_should_honour_a_cancelled_token()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => Embedder.Embed("anything", cancelled.Token));
    }
}
