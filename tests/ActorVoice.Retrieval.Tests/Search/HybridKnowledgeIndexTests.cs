using ActorVoice.Retrieval.Indexing;
using ActorVoice.Retrieval.Search;
using ActorVoice.Text.Pronunciation;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Search;

public sealed class HybridKnowledgeIndexTests : IDisposable
{
    private readonly SampleCorpus _corpus = new();
    private readonly BagOfWordsEmbedder _embedder = new();

    public void Dispose() => _corpus.Dispose();

    private DenseRetrieval Dense(BagOfWordsEmbedder? embedder = null) => DenseRetrieval.WithVectorIndexFactory(embedder ?? _embedder);

    [Theory]
    [InlineData(SearchMode.Dense)]
    [InlineData(SearchMode.Rrf)]
    [InlineData(SearchMode.Weighted)]
    public void Dense_and_fused_modes_should_rank_the_right_document_first(SearchMode mode)
    {
        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, dense: Dense());

        var hits = index.Search("forgotten password reset portal", 3, mode);

        Assert.Equal("it/passwords.txt", hits[0].Chunk.Document);
        Assert.All(hits, h => Assert.Equal(mode, h.Mode));
        Assert.NotNull(hits[0].DenseScore);
        Assert.Equal(1, hits[0].DenseRank);
        if (mode != SearchMode.Dense)
        {
            Assert.Equal(1, hits[0].Bm25Rank);
            Assert.NotNull(hits[0].Bm25Score);
        }
    }

    [Fact]
    public void Rrf_scores_should_follow_the_reciprocal_rank_formula()
    {
        var options = RetrievalOptions.Default with { RrfK = 10 };
        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, options, dense: Dense());

        var hits = index.Search("vacation days carry over", 5, SearchMode.Rrf);

        foreach (var hit in hits)
        {
            var expected = (hit.Bm25Rank is { } b ? 1.0 / (10 + b) : 0) + (hit.DenseRank is { } d ? 1.0 / (10 + d) : 0);
            Assert.Equal(expected, hit.Score, 12);
        }
    }

    [Fact]
    public void Build_should_store_vectors_and_the_model_in_the_manifest()
    {
        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, dense: Dense());

        var manifest = IndexManifest.Read(_corpus.IndexFolder);

        Assert.Equal(new DenseManifest("fake-bag-of-words", 64, index.ChunkCount), manifest.Dense);
        Assert.True(File.Exists(VectorStore.PathIn(_corpus.IndexFolder)));
        Assert.True(File.Exists(IndexLayout.VectorIndexFile(_corpus.IndexFolder)));
        Assert.Equal(index.ChunkCount, VectorStore.Read(VectorStore.PathIn(_corpus.IndexFolder)).Count);
    }

    [Fact]
    public void Open_should_reject_another_model_or_dimension()
    {
        KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, dense: Dense()).Dispose();

        var otherModel = Assert.Throws<InvalidOperationException>(() =>
            KnowledgeIndex.Open(_corpus.IndexFolder, dense: Dense(new BagOfWordsEmbedder("other-model"))));
        var otherDimension = Assert.Throws<InvalidOperationException>(() =>
            KnowledgeIndex.Open(_corpus.IndexFolder, dense: Dense(new BagOfWordsEmbedder(dimension: 32))));

        Assert.Contains("fake-bag-of-words", otherModel.Message, StringComparison.Ordinal);
        Assert.Contains("other-model", otherModel.Message, StringComparison.Ordinal);
        Assert.Contains("32 dimensions", otherDimension.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_should_reject_an_embedder_for_an_index_built_without_one_and_dense_modes_without_embedder()
    {
        KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder).Dispose();

        Assert.Throws<InvalidOperationException>(() => KnowledgeIndex.Open(_corpus.IndexFolder, dense: Dense()));
        Assert.Throws<InvalidOperationException>(() =>
            KnowledgeIndex.Open(_corpus.IndexFolder, RetrievalOptions.Default with { DefaultMode = SearchMode.Rrf }));
        using var index = KnowledgeIndex.Open(_corpus.IndexFolder);
        var error = Assert.Throws<InvalidOperationException>(() => index.Search("vacation", 3, SearchMode.Dense));
        Assert.Contains("embedder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reindex_should_touch_only_changed_added_and_removed_files()
    {
        KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, dense: Dense()).Dispose();
        var before = IndexManifest.Read(_corpus.IndexFolder);
        var embeddedAtFirstBuild = _embedder.TextsEmbedded;

        _corpus.Write("it/passwords.txt", "Passwords now expire every 90 days and need a hardware token called YubiKey.");
        _corpus.Write("handbook/expenses.md", "# Expenses\n\nTaxi receipts are reimbursed within 30 days.\n");
        File.Delete(_corpus.PathOf("support/wifi.html"));
        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, dense: Dense());

        var report = index.LastBuild!;
        var after = IndexManifest.Read(_corpus.IndexFolder);
        Assert.False(report.FullRebuild);
        Assert.Equal((1, 1, 1, 1), (report.DocumentsAdded, report.DocumentsUpdated, report.DocumentsRemoved, report.DocumentsUnchanged));
        Assert.Equal(2, _embedder.TextsEmbedded - embeddedAtFirstBuild);
        Assert.Equal(before.Documents["handbook/vacation.md"].Sha256, after.Documents["handbook/vacation.md"].Sha256);
        Assert.Equal(before.Documents["handbook/vacation.md"].ChunkIds, after.Documents["handbook/vacation.md"].ChunkIds);
        Assert.Equal(index.ChunkCount, after.Dense!.VectorCount);
        Assert.Equal("it/passwords.txt", index.Search("YubiKey hardware token", 1, SearchMode.Rrf)[0].Chunk.Document);
        Assert.Equal("handbook/expenses.md", index.Search("taxi receipts", 1, SearchMode.Dense)[0].Chunk.Document);
        Assert.DoesNotContain(index.Search("robot router wifi pairing", 10, SearchMode.Rrf), h => h.Chunk.Document == "support/wifi.html");
        Assert.Empty(index.Search("forgotten self-service portal", 10, SearchMode.Bm25));
    }

    [Fact]
    public void Reindex_with_other_chunking_should_rebuild_everything()
    {
        KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder).Dispose();

        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, RetrievalOptions.Default with { ChunkTargetChars = 120, ChunkOverlapChars = 20 });

        Assert.True(index.LastBuild!.FullRebuild);
        Assert.Equal(3, index.LastBuild.DocumentsAdded);
        Assert.Equal(index.ChunkCount, IndexManifest.Read(_corpus.IndexFolder).Documents.Values.Sum(d => d.ChunkIds.Count));
    }

    [Fact]
    public void Partial_queries_should_ignore_the_unfinished_last_word()
    {
        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, dense: Dense());

        var partial = index.Search("forgotten password res", 3, SearchMode.Rrf, partial: true);
        var complete = index.Search("forgotten password", 3, SearchMode.Rrf);

        Assert.Equal(complete, partial);
        Assert.Equal(1, index.QueryEmbedder!.Hits);
    }

    [Fact]
    public void Phonetic_field_should_match_a_misrecognised_sound_alike()
    {
        Assert.True(File.Exists(CmuDictionary.PocketsphinxDefaultPath), "pocketsphinx-en-us provides the CMU dictionary");
        using (var plain = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, RetrievalOptions.Default with { PhoneticEnabled = false }))
        {
            Assert.Empty(plain.Search("rooter", 3));
        }

        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder);

        var hits = index.Search("rooter", 3);

        Assert.True(index.LastBuild!.FullRebuild);
        Assert.Equal("support/wifi.html", hits[0].Chunk.Document);
    }
}
