using System.Net;
using ActorVoice.Server.Page;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Browser.Tests;

/// <summary>The page's files served from the assembly by <see cref="AssistantPageEndpoints.MapAssistantPage"/> on real Kestrel.</summary>
public sealed class AssistantPageEndpointsSpec : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri? _baseAddress;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapAssistantPage();
        await _app.StartAsync();
        _baseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private HttpClient NewClient() => new() { BaseAddress = _baseAddress ?? throw new InvalidOperationException("not started") };

    [Fact]
    public async Task Root_should_serve_the_page_with_its_test_hooks_and_a_self_only_content_policy()
    {
        using var http = NewClient();
        using var response = await http.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        foreach (var hook in (string[])["id=\"start\"", "id=\"status\"", "id=\"transcript-final\"", "id=\"sources\"", "id=\"played-samples\"", "id=\"timeline\""])
        {
            Assert.Contains(hook, html, StringComparison.Ordinal);
        }

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' ws://127.0.0.1:", policy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/app.js", "text/javascript")]
    [InlineData("/capture-worklet.js", "text/javascript")]
    [InlineData("/playback-worklet.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    [InlineData("/index.html", "text/html")]
    public async Task Page_files_should_be_served_from_the_assembly_with_their_content_type(string path, string mediaType)
    {
        using var http = NewClient();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Page_should_load_nothing_from_another_host()
    {
        using var http = NewClient();
        foreach (var path in (string[])["/", "/app.js", "/app.css"])
        {
            var text = await http.GetStringAsync(new Uri(path, UriKind.Relative));
            Assert.DoesNotContain("http://", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("//cdn", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Unchanged_file_should_answer_not_modified_to_its_etag()
    {
        using var http = NewClient();
        using var first = await http.GetAsync(new Uri("/app.js", UriKind.Relative));
        var etag = first.Headers.ETag ?? throw new InvalidOperationException("no ETag");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/app.js", UriKind.Relative));
        request.Headers.IfNoneMatch.Add(etag);

        using var second = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Unknown_file_should_be_not_found()
    {
        using var http = NewClient();
        using var response = await http.GetAsync(new Uri("/secret.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
