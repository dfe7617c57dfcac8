using ActorVoice.Retrieval.Dense;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Dense;

public sealed class ExactVectorIndexTests : IDisposable
{
    private const int Dimension = 64;
    private readonly string folder = Directory.CreateTempSubdirectory("actorvoice-vectors-").FullName;

    [Theory]
    [InlineData(VectorQuantization.None)]
    [InlineData(VectorQuantization.Int8)]
    public void Exact_index_should_return_each_vector_as_its_own_top_match(VectorQuantization quantization)
    {
        var vectors = TestVectors.Random(500, Dimension, seed: 1);
        using var index = Build(vectors, quantization);

        for (var i = 0; i < vectors.Length; i += 7)
        {
            var matches = index.Search(vectors[i], 5);

            Assert.Equal(1000 + i, matches[0].Id);
            Assert.Equal(1.0f, matches[0].Score, quantization == VectorQuantization.None ? 0.0001f : 0.01f);
            Assert.True(matches[0].Score >= matches[1].Score);
        }
    }

    [Fact]
    public void Exact_index_should_rank_by_cosine_best_first()
    {
        using var index = new ExactVectorIndex(2);
        index.Add(1, [1f, 0f]);
        index.Add(2, [0f, 1f]);
        index.Add(3, [1f, 1f]);

        var matches = index.Search([2f, 0.2f], 3);

        Assert.Equal([1, 3, 2], matches.Select(match => match.Id));
        Assert.Equal(0.9950f, matches[0].Score, 0.001f);
        Assert.Empty(index.Search([1f, 0f], 0));
    }

    [Theory]
    [InlineData(VectorQuantization.None)]
    [InlineData(VectorQuantization.Int8)]
    public void Saved_index_should_load_with_the_same_results(VectorQuantization quantization)
    {
        var vectors = TestVectors.Random(300, Dimension, seed: 2);
        using var index = Build(vectors, quantization);
        var path = Path.Combine(folder, "exact.avvi");
        var query = TestVectors.Random(1, Dimension, seed: 3)[0];

        index.Save(path);
        using var loaded = VectorIndexFactory.Load(path, expectedDimension: Dimension);

        Assert.IsType<ExactVectorIndex>(loaded);
        Assert.Equal(quantization, ((ExactVectorIndex)loaded).Quantization);
        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(index.Search(query, 10), loaded.Search(query, 10));
    }

    [Fact]
    public void Int8_storage_should_keep_the_top_match_of_perturbed_queries()
    {
        var vectors = TestVectors.Clustered(2000, Dimension, clusters: 50, seed: 4);
        using var exact = Build(vectors, VectorQuantization.None);
        using var quantized = Build(vectors, VectorQuantization.Int8);
        var random = new Random(5);

        var agreements = 0;
        for (var i = 0; i < 200; i++)
        {
            var query = TestVectors.Perturb(vectors[i * 10], 0.3f, random);
            agreements += exact.Search(query, 1)[0].Id == quantized.Search(query, 1)[0].Id ? 1 : 0;
        }

        Assert.True(agreements >= 196, $"int8 top-1 agreed on {agreements}/200 queries");
        Assert.True(quantized.StorageBytes * 3 < exact.StorageBytes);
    }

    [Fact]
    public void Wrong_dimensions_should_fail_with_a_clear_message()
    {
        using var index = new ExactVectorIndex(Dimension);
        index.Add(1, new float[Dimension]);
        var path = Path.Combine(folder, "dim.avvi");
        index.Save(path);

        var add = Assert.Throws<ArgumentException>(() => index.Add(2, new float[384]));
        var search = Assert.Throws<ArgumentException>(() => index.Search(new float[10], 1));
        var load = Assert.Throws<InvalidDataException>(() => VectorIndexFactory.Load(path, expectedDimension: 384));

        Assert.Contains("384 dimensions", add.Message, StringComparison.Ordinal);
        Assert.Contains("64-dimensional", search.Message, StringComparison.Ordinal);
        Assert.Contains("64-dimensional vectors but the embedder produces 384", load.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_foreign_or_truncated_file_should_fail_clearly()
    {
        var foreign = Path.Combine(folder, "foreign.avvi");
        File.WriteAllText(foreign, "this is not a vector index");
        using (var index = Build(TestVectors.Random(20, Dimension, seed: 6), VectorQuantization.None))
        {
            index.Save(Path.Combine(folder, "whole.avvi"));
        }

        var bytes = File.ReadAllBytes(Path.Combine(folder, "whole.avvi"));
        var truncated = Path.Combine(folder, "truncated.avvi");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        Assert.Contains("not an ActorVoice vector index", Assert.Throws<InvalidDataException>(() => VectorIndexFactory.Load(foreign)).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => VectorIndexFactory.Load(truncated)).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => VectorIndexFactory.Load(Path.Combine(folder, "missing.avvi")));
    }

    [Fact]
    public void Int8_dot_product_should_equal_the_scalar_sum()
    {
        var random = new Random(7);
        var a = Enumerable.Range(0, 389).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
        var b = Enumerable.Range(0, 389).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();

        var expected = a.Zip(b, (x, y) => x * y).Sum();

        Assert.Equal(expected, VectorMath.DotInt8(a, b));
    }

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
    }

    private static ExactVectorIndex Build(float[][] vectors, VectorQuantization quantization)
    {
        var index = new ExactVectorIndex(Dimension, quantization, initialCapacity: 8);
        for (var i = 0; i < vectors.Length; i++)
        {
            index.Add(1000 + i, vectors[i]);
        }

        return index;
    }
}
