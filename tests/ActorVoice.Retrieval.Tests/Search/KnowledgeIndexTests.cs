using ActorVoice.Retrieval.Indexing;
using ActorVoice.Retrieval.Search;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Search;

public sealed class KnowledgeIndexTests : IDisposable
{
    private readonly SampleCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    [Theory]
    [InlineData("How many vacation days can I carry over to next year?", "handbook/vacation.md", "Vacation > Carry-over")]
    [InlineData("how do I reset my password", "it/passwords.txt", "")]
    [InlineData("the robot won't pair with my wifi", "support/wifi.html", "Wi-Fi pairing")]
    [InlineData("router security WPA3", "support/wifi.html", "Wi-Fi pairing > Troubleshooting")]
    [InlineData("part-time accrual", "handbook/vacation.md", "Vacation > Accrual")]
    public void Search_should_rank_the_right_chunk_first(string question, string document, string heading)
    {
        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder);

        var hits = index.Search(question, 3);

        Assert.NotEmpty(hits);
        Assert.Equal(document, hits[0].Chunk.Document);
        Assert.Equal(heading, hits[0].Chunk.HeadingPath);
        Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
    }

    [Fact]
    public void Search_should_return_chunks_whose_offsets_point_into_the_file()
    {
        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder);

        string[] queries = ["vacation", "carry-over", "password", "wifi robot router"];
        var chunks = queries
            .SelectMany(q => index.Search(q, 20))
            .Select(h => h.Chunk)
            .Distinct()
            .ToList();

        Assert.Equal(index.ChunkCount, chunks.Count);
        foreach (var chunk in chunks.Where(c => !c.Document.EndsWith(".html", StringComparison.Ordinal)))
        {
            Assert.Equal(_corpus.Read(chunk.Document)[chunk.StartOffset..chunk.EndOffset], chunk.Text);
        }
    }

    [Theory]
    [InlineData("what's up?")]
    [InlineData("AND")]
    [InlineData("heading:\"vacation")]
    [InlineData("(((***")]
    [InlineData("what is the")]
    [InlineData("")]
    public void Search_should_not_throw_on_malformed_or_empty_text(string query)
    {
        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder);

        var hits = index.Search(query, 5);

        Assert.True(hits.Count <= 5);
        if (query is "what is the" or "" or "AND")
        {
            Assert.Empty(hits);
        }
    }

    [Fact]
    public void Build_should_report_skipped_files_and_write_a_manifest()
    {
        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder, RetrievalOptions.Default with { ChunkTargetChars = 300, ChunkOverlapChars = 50 });

        var report = index.LastBuild!;
        var manifest = IndexManifest.Read(_corpus.IndexFolder);

        Assert.True(report.FullRebuild);
        Assert.Equal(3, report.DocumentsAdded);
        Assert.Equal("notes/empty.md", Assert.Single(report.Skipped).RelativePath);
        Assert.Equal(300, manifest.ChunkTargetChars);
        Assert.Equal(50, manifest.ChunkOverlapChars);
        Assert.Equal(["handbook/vacation.md", "it/passwords.txt", "support/wifi.html"], manifest.Documents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(index.ChunkCount, manifest.Documents.Values.Sum(d => d.ChunkIds.Count));
        Assert.True(Directory.Exists(IndexLayout.LuceneFolder(_corpus.IndexFolder)));
    }

    [Fact]
    public void Open_should_find_the_same_chunks_after_reopening()
    {
        IReadOnlyList<SearchHit> before;
        int count;
        using (var built = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder))
        {
            before = built.Search("carry over vacation days", 3);
            count = built.ChunkCount;
        }

        using var reopened = KnowledgeIndex.Open(_corpus.IndexFolder);
        var after = reopened.Search("carry over vacation days", 3);

        Assert.Equal(count, reopened.ChunkCount);
        Assert.Equal(before.Select(h => h.Chunk), after.Select(h => h.Chunk));
        Assert.Equal(before.Select(h => h.Score), after.Select(h => h.Score));
    }

    [Fact]
    public void Build_should_name_a_missing_documents_folder()
    {
        var missing = Path.Combine(_corpus.Root, "missing-docs");

        var error = Assert.Throws<DirectoryNotFoundException>(() => KnowledgeIndex.Build(missing, _corpus.IndexFolder));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_should_explain_a_folder_without_an_index()
    {
        var error = Assert.Throws<FileNotFoundException>(() => KnowledgeIndex.Open(_corpus.IndexFolder));

        Assert.Contains("No index", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_should_be_safe_from_many_threads()
    {
        using var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder);
        var questions = new[] { "carry over vacation", "reset password", "wifi pairing router", "accrual part-time" };
        var expected = questions.Select(q => index.Search(q, 3)).ToArray();

        var results = new IReadOnlyList<SearchHit>[200];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = index.Search(questions[i % questions.Length], 3));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % questions.Length], results[i]);
        }
    }

    [Fact]
    public void Search_after_dispose_should_throw_object_disposed()
    {
        var index = KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder);
        index.Dispose();
        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search("vacation", 3));
    }

    [Fact]
    public void Build_should_explain_that_another_build_holds_the_index()
    {
        KnowledgeIndex.Build(_corpus.DocumentsFolder, _corpus.IndexFolder).Dispose();
        using var directory = Lucene.Net.Store.FSDirectory.Open(IndexLayout.LuceneFolder(_corpus.IndexFolder));
        using var analyzer = new Retrieval.Lexical.EnglishSearchAnalyzer();
        using var otherWriter = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Retrieval.Lexical.LexicalFields.LuceneVersion, analyzer));

        var error = Assert.Throws<InvalidOperationException>(() => KnowledgeIndex.Update(_corpus.DocumentsFolder, _corpus.IndexFolder));

        Assert.Contains("another build", error.Message, StringComparison.Ordinal);
    }
}
