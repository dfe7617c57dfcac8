using System.Net;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Tests.Cli;

/// <summary>The knowledge server (<c>actorvoice knowledge-server</c>) as the engine's HTTP knowledge source sees it, over loopback.</summary>
public sealed class KnowledgeServerSpec : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "actorvoice-knowledge-server-" + Guid.NewGuid().ToString("N"));
    private readonly KnowledgeIndex _index;
    private readonly IndexKnowledgeSource _source;

    public KnowledgeServerSpec()
    {
        var documents = Path.Combine(_root, "docs");
        Directory.CreateDirectory(documents);
        File.WriteAllText(Path.Combine(documents, "vacation.md"),
            "# Vacation\n\n## Days\n\nEvery employee gets twenty-two paid vacation days per year.\n");
        File.WriteAllText(Path.Combine(documents, "warranty.md"),
            "# Warranty\n\n## Period\n\nThe warranty period for every device is two years from delivery.\n");
        _index = KnowledgeIndex.Build(documents, Path.Combine(_root, "index"));
        _source = new IndexKnowledgeSource(_index, topK: 2, TimeSpan.FromSeconds(5));
    }

    private static HttpKnowledgeSource Client(KnowledgeServer server, TimeSpan timeout) =>
        new(EngineSettings.Reference.Knowledge.Http with { Url = server.AskUri.ToString(), Timeout = timeout });

    [Fact]
    public async Task The_http_knowledge_source_should_get_passages_and_an_answer_from_the_right_document()
    {
        await using var server = await KnowledgeServer.StartAsync(_source, EngineSettings.Reference.Answer, IPAddress.Loopback, 0, TimeSpan.FromMilliseconds(50), CancellationToken.None);
        using var client = Client(server, TimeSpan.FromSeconds(10));

        var result = await client.QueryAsync("how long is the warranty period", partial: false, CancellationToken.None);

        Assert.Equal("warranty.md", result.Passages[0].Document);
        Assert.Contains("two years", result.Passages[0].Text, StringComparison.Ordinal);
        Assert.True(result.Passages[0].Score > 0);
        Assert.Contains("two years", result.Answer, StringComparison.Ordinal);
        Assert.Equal(IPAddress.Loopback.ToString(), server.AskUri.Host);
    }

    [Fact]
    public async Task The_added_latency_should_come_before_the_answer()
    {
        // A backend that adds a minute cannot answer a client that allows a fifth of a second.
        await using var server = await KnowledgeServer.StartAsync(_source, EngineSettings.Reference.Answer, IPAddress.Loopback, 0, TimeSpan.FromMinutes(1), CancellationToken.None);
        using var client = Client(server, TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<KnowledgeSourceException>(() => client.QueryAsync("how many vacation days", partial: false, CancellationToken.None));

        Assert.Contains("did not answer within", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _source.Dispose();
        _index.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
