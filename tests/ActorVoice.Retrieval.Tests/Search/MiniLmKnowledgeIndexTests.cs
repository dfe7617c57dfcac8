using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Indexing;
using ActorVoice.Retrieval.Search;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Search;

/// <summary>End to end with the real MiniLM model and the project's vector index factory.</summary>
[Trait("Category", "Slow")]
public sealed class MiniLmKnowledgeIndexTests : IDisposable
{
    private readonly SampleCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    [Fact]
    public void Dense_side_should_find_a_paraphrase_that_shares_no_stem_with_the_answer()
    {
        var dense = DenseRetrieval.WithVectorIndexFactory(MiniLmEmbedder.Shared);
        KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, dense: dense).Dispose();

        using var index = KnowledgeIndex.Open(_corpus.IndexFolder, RetrievalOptions.Default with { DefaultMode = SearchMode.Rrf }, dense);
        index.WarmUp();
        var denseHits = index.Search("annual holiday allowance for staff", 3, SearchMode.Dense);
        var fused = index.Search("my login credentials stopped working", 3);

        Assert.Equal("handbook/vacation.md", denseHits[0].Chunk.Document);
        Assert.Equal("it/passwords.txt", fused[0].Chunk.Document);
        Assert.Equal(MiniLmEmbedder.EmbeddingDimension, IndexManifest.Read(_corpus.IndexFolder).Dense!.Dimension);
    }
}
