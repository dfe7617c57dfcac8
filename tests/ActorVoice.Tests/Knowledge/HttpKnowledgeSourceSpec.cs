using System.Net;
using System.Net.Sockets;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Tests.Knowledge;

/// <summary>The HTTP knowledge source against a real Kestrel backend on loopback.</summary>
public sealed class HttpKnowledgeSourceSpec(LoopbackKnowledgeBackend backend) : IClassFixture<LoopbackKnowledgeBackend>
{
    private HttpKnowledgeSource Source(string path, Func<HttpKnowledgeSettings, HttpKnowledgeSettings>? change = null)
    {
        var settings = EngineSettings.Reference.Knowledge.Http with { Url = backend.Url(path), Timeout = TimeSpan.FromSeconds(10) };
        return new HttpKnowledgeSource(change is null ? settings : change(settings));
    }

    [Fact]
    public async Task A_backend_reply_should_give_the_answer_and_the_sources()
    {
        using var source = Source("ask");
        var result = await source.QueryAsync("How many vacation days do I get?", partial: false, CancellationToken.None);

        Assert.Equal("How many vacation days do I get?", result.Question);
        Assert.Equal("You asked: How many vacation days do I get?", result.Answer);
        Assert.Equal(2, result.Passages.Count);
        Assert.Equal(new KnowledgePassage("handbook/vacation.md", 3, "Vacation > Days", "Twenty-two days.", 7.5), result.Passages[0]);
        // Missing chunk: its position; a score sent as a string is read as a number.
        Assert.Equal(new KnowledgePassage("handbook/leave.md", 1, string.Empty, "Unpaid leave.", 2.25), result.Passages[1]);
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_partial_question_should_be_sent_without_its_unfinished_last_word()
    {
        using var source = Source("ask");
        var result = await source.QueryAsync("how many vacation da", partial: true, CancellationToken.None);
        Assert.Equal("how many vacation", result.Question);
        Assert.Equal("You asked: how many vacation", result.Answer);
    }

    [Fact]
    public async Task Configured_field_paths_should_reach_nested_answers_and_plain_document_lists()
    {
        using var source = Source("nested", s => s with { QuestionField = "query", AnswerField = "data.choices.0.reply", SourcesField = "refs" });
        var result = await source.QueryAsync("warranty period", partial: false, CancellationToken.None);
        Assert.Equal("Nested: warranty period", result.Answer);
        Assert.Equal(["a.md", "b.md"], result.Passages.Select(p => p.Document));
    }

    [Fact]
    public async Task A_slow_backend_should_fail_with_a_timeout_message_and_the_request_should_be_aborted()
    {
        backend.ResetSlow();
        using var source = Source("slow", s => s with { Timeout = TimeSpan.FromMilliseconds(300) });
        var error = await Assert.ThrowsAsync<KnowledgeSourceException>(() => source.QueryAsync("anything", false, CancellationToken.None));
        Assert.Contains("did not answer within 300 ms", error.Message, StringComparison.Ordinal);
        Assert.Contains(backend.Url("slow"), error.Message, StringComparison.Ordinal);
        await backend.SlowRequestAborted.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelling_the_caller_token_should_cancel_the_request_not_report_a_timeout()
    {
        backend.ResetSlow();
        using var source = Source("slow");
        using var cts = new CancellationTokenSource();
        var query = source.QueryAsync("anything", false, cts.Token);
        await backend.SlowRequestReceived.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
        await backend.SlowRequestAborted.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_error_status_should_fail_with_the_status_and_the_body()
    {
        using var source = Source("fail");
        var error = await Assert.ThrowsAsync<KnowledgeSourceException>(() => source.QueryAsync("anything", false, CancellationToken.None));
        Assert.Contains("answered 500 Internal Server Error: database down", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_is_not_json_should_fail_clearly()
    {
        using var source = Source("html");
        var error = await Assert.ThrowsAsync<KnowledgeSourceException>(() => source.QueryAsync("anything", false, CancellationToken.None));
        Assert.Contains("did not reply with JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("<html><body>Welcome", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_without_the_configured_fields_should_name_them()
    {
        using var source = Source("neither");
        var error = await Assert.ThrowsAsync<KnowledgeSourceException>(() => source.QueryAsync("anything", false, CancellationToken.None));
        Assert.Contains("replied without 'answer' or 'sources'", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"ok\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_text_should_fail_clearly()
    {
        using var source = Source("answer-number");
        var error = await Assert.ThrowsAsync<KnowledgeSourceException>(() => source.QueryAsync("anything", false, CancellationToken.None));
        Assert.Contains("'answer' as Number, not a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_backend_should_fail_with_the_url()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}/ask";
        using var source = new HttpKnowledgeSource(EngineSettings.Reference.Knowledge.Http with { Url = url });
        var error = await Assert.ThrowsAsync<KnowledgeSourceException>(() => source.QueryAsync("anything", false, CancellationToken.None));
        Assert.StartsWith($"Could not reach the knowledge backend {url}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "needs knowledge.http.url")]
    [InlineData("localhost:8000/ask", "is not an absolute http:// or https:// URL")]
    [InlineData("ftp://example.org/ask", "is not an absolute http:// or https:// URL")]
    public void A_bad_url_should_be_rejected_when_the_source_is_created(string url, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new HttpKnowledgeSource(EngineSettings.Reference.Knowledge.Http with { Url = url }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_answer_and_sources_fields_should_be_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new HttpKnowledgeSource(
            EngineSettings.Reference.Knowledge.Http with { Url = "http://127.0.0.1:1/ask", AnswerField = "", SourcesField = "" }));
        Assert.Contains("needs an answer-field, a sources-field or both", error.Message, StringComparison.Ordinal);
    }
}
