using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Tests.Knowledge;

/// <summary>The built-in index as a knowledge source, over a real index built from two small documents.</summary>
public sealed class IndexKnowledgeSourceSpec : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "actorvoice-knowledge-" + Guid.NewGuid().ToString("N"));
    private readonly KnowledgeIndex _index;

    public IndexKnowledgeSourceSpec()
    {
        var documents = Path.Combine(_root, "docs");
        Directory.CreateDirectory(documents);
        File.WriteAllText(Path.Combine(documents, "vacation.md"),
            "# Vacation\n\n## Days\n\nEvery employee gets twenty-two paid vacation days per year.\n");
        File.WriteAllText(Path.Combine(documents, "warranty.md"),
            "# Warranty\n\n## Period\n\nThe warranty period for every device is two years from delivery.\n");
        _index = KnowledgeIndex.Build(documents, Path.Combine(_root, "index"));
    }

    [Fact]
    public async Task A_question_should_return_the_best_passages_and_no_ready_answer()
    {
        using var source = new IndexKnowledgeSource(_index, topK: 1, TimeSpan.FromSeconds(5));
        var result = await source.QueryAsync("how long is the warranty period", partial: false, CancellationToken.None);
        var passage = Assert.Single(result.Passages);
        Assert.Equal("warranty.md", passage.Document);
        Assert.Contains("two years", passage.Text, StringComparison.Ordinal);
        Assert.Contains("Period", passage.Heading, StringComparison.Ordinal);
        Assert.True(passage.Score > 0);
        Assert.Null(result.Answer);
        Assert.Equal("how long is the warranty period", result.Question);
    }

    [Fact]
    public async Task A_partial_question_should_ignore_its_unfinished_last_word()
    {
        using var source = new IndexKnowledgeSource(_index, topK: 2, TimeSpan.FromSeconds(5));
        // "warr" alone would match nothing; "vacation" decides.
        var partial = await source.QueryAsync("paid vacation warr", partial: true, CancellationToken.None);
        Assert.Equal("paid vacation", partial.Question);
        Assert.Equal("vacation.md", partial.Passages[0].Document);

        // Only the unfinished word: nothing to search for.
        var empty = await source.QueryAsync("warranty", partial: true, CancellationToken.None);
        Assert.True(empty.IsEmpty);
    }

    [Fact]
    public async Task A_cancelled_query_should_throw_operation_cancelled()
    {
        using var source = new IndexKnowledgeSource(_index, topK: 2, TimeSpan.FromSeconds(5));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.QueryAsync("warranty period", false, cts.Token));
    }

    [Fact]
    public void The_factory_should_create_the_configured_source()
    {
        var settings = EngineSettings.Reference;
        using var index = KnowledgeSourceFactory.Create(settings, _index);
        Assert.IsType<IndexKnowledgeSource>(index);
        Assert.Equal("index (2 chunks)", index.Name);

        var http = settings with { Knowledge = settings.Knowledge with { Source = KnowledgeSourceKind.Http, Http = settings.Knowledge.Http with { Url = "http://127.0.0.1:9/ask" } } };
        using var backend = KnowledgeSourceFactory.Create(http, index: null);
        Assert.Equal("http http://127.0.0.1:9/ask", backend.Name);
    }

    [Fact]
    public void The_factory_should_say_when_the_index_source_has_no_index()
    {
        var error = Assert.Throws<ArgumentException>(() => KnowledgeSourceFactory.Create(EngineSettings.Reference, index: null));
        Assert.Contains("knowledge.source = index, but no document index was opened", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
