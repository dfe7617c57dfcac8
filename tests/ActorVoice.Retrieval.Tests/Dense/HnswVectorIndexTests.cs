using ActorVoice.Retrieval.Dense;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Dense;

public sealed class HnswVectorIndexTests : IDisposable
{
    private const int Dimension = 64;
    private readonly string folder = Directory.CreateTempSubdirectory("actorvoice-hnsw-").FullName;

    [Fact]
    public void Hnsw_should_agree_with_exact_search_on_clustered_data()
    {
        var vectors = TestVectors.Clustered(3000, Dimension, clusters: 60, seed: 11);
        using var exact = new ExactVectorIndex(Dimension);
        using var hnsw = new HnswVectorIndex(Dimension, new HnswOptions(16, 128, 64));
        for (var i = 0; i < vectors.Length; i++)
        {
            exact.Add(i, vectors[i]);
            hnsw.Add(i, vectors[i]);
        }

        var random = new Random(12);
        int topOneAgreements = 0, overlap = 0;
        for (var q = 0; q < 100; q++)
        {
            var query = TestVectors.Perturb(vectors[random.Next(vectors.Length)], 0.5f, random);
            var expected = exact.Search(query, 10);
            var actual = hnsw.Search(query, 10);
            topOneAgreements += expected[0].Id == actual[0].Id ? 1 : 0;
            overlap += expected.Select(m => m.Id).Intersect(actual.Select(m => m.Id)).Count();
            Assert.Equal(expected[0].Score, actual.Max(m => m.Score), 0.02f);
        }

        Assert.True(topOneAgreements >= 95, $"top-1 agreed on {topOneAgreements}/100");
        Assert.True(overlap >= 900, $"recall@10 {overlap / 1000.0:P1}");
        Assert.Equal(3000, hnsw.Count);
    }

    [Fact]
    public void Saved_hnsw_index_should_load_from_its_graph_or_rebuild_without_it()
    {
        var vectors = TestVectors.Clustered(400, Dimension, clusters: 10, seed: 13);
        using var index = new HnswVectorIndex(Dimension);
        for (var i = 0; i < vectors.Length; i++)
        {
            index.Add(i * 3, vectors[i]);
        }

        var path = Path.Combine(folder, "graph.avvi");
        index.Save(path);
        var query = vectors[42];

        using (var loaded = VectorIndexFactory.Load(path, expectedDimension: Dimension))
        {
            Assert.IsType<HnswVectorIndex>(loaded);
            Assert.Equal(400, loaded.Count);
            Assert.Equal(42 * 3, loaded.Search(query, 1)[0].Id);
        }

        File.Delete(VectorIndexFile.GraphPath(path));
        using var rebuilt = HnswVectorIndex.Load(path);
        Assert.Equal(400, rebuilt.Count);
        Assert.Equal(42 * 3, rebuilt.Search(query, 1)[0].Id);
    }

    [Fact]
    public void Hnsw_should_reject_wrong_dimensions_and_duplicate_ids()
    {
        using var index = new HnswVectorIndex(Dimension);
        index.Add(1, TestVectors.Random(1, Dimension, seed: 14)[0]);

        Assert.Contains("384 dimensions", Assert.Throws<ArgumentException>(() => index.Add(2, new float[384])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => index.Add(1, new float[Dimension]));
        Assert.Throws<ArgumentException>(() => index.Search(new float[3], 1));
    }

    [Fact]
    public void Factory_should_choose_exact_below_the_threshold_and_hnsw_above()
    {
        var options = new VectorIndexOptions(ExactThreshold: 1000);

        using var small = VectorIndexFactory.Create(Dimension, 999, options);
        using var large = VectorIndexFactory.Create(Dimension, 1000, options);

        Assert.IsType<ExactVectorIndex>(small);
        Assert.IsType<HnswVectorIndex>(large);
        Assert.Equal(VectorIndexKind.Exact, VectorIndexFactory.ChooseKind(49_999));
        Assert.Equal(VectorIndexKind.Hnsw, VectorIndexFactory.ChooseKind(50_000));
    }

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
    }
}
