using System.Net;
using System.Text.Json;
using ActorVoice.Engine.Answers;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Hosting.Knowledge;

/// <summary>
/// A text RAG backend over HTTP, as an existing chatbot would be, for experiments: <c>POST /ask</c> with
/// <c>{"question": "..."}</c> waits the configured added latency, asks a knowledge source (the built-in index) and
/// replies <c>{"answer": "...", "sources": [{"document", "chunk", "heading", "text", "score"}]}</c>, the shape the
/// engine's <see cref="HttpKnowledgeSource"/> reads with the reference <c>knowledge.http</c> settings. A client that
/// gives up (cancels) ends the wait. Disposing stops the listener; the knowledge source is not owned.
/// </summary>
public sealed class KnowledgeServer : IAsyncDisposable
{
    public const string AskPath = "/ask";

    private readonly WebApplication _app;

    private KnowledgeServer(WebApplication app, Uri baseUri, TimeSpan latency, TimeSpan maxLatency)
    {
        _app = app;
        BaseUri = baseUri;
        Latency = latency;
        MaxLatency = maxLatency;
    }

    /// <summary>The listener's root, e.g. http://127.0.0.1:8765/.</summary>
    public Uri BaseUri { get; }

    /// <summary>The URL questions are POSTed to (<c>knowledge.http.url</c>).</summary>
    public Uri AskUri => new(BaseUri, AskPath.TrimStart('/'));

    /// <summary>The delay added before each answer (the least, when it is drawn up to <see cref="MaxLatency"/>).</summary>
    public TimeSpan Latency { get; }

    /// <summary>The greatest added delay; each answer's is drawn uniformly between <see cref="Latency"/> and this.</summary>
    public TimeSpan MaxLatency { get; }

    /// <param name="source">Answers the questions (e.g. an <see cref="IndexKnowledgeSource"/>).</param>
    /// <param name="answer">How the spoken answer is composed from the passages.</param>
    /// <param name="address">The address to bind (loopback by default).</param>
    /// <param name="port">TCP port; 0 picks a free one.</param>
    /// <param name="latency">Added before each answer.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <param name="maxLatency">When longer than <paramref name="latency"/>: each answer's delay is drawn uniformly between the two.</param>
    public static async Task<KnowledgeServer> StartAsync(
        IKnowledgeSource source, AnswerSettings answer, IPAddress address, int port, TimeSpan latency, CancellationToken cancellationToken, TimeSpan? maxLatency = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        var max = maxLatency is { } m && m > latency ? m : latency;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(address, port));
        var app = builder.Build();
        app.MapGet("/", () => Results.Text($"ActorVoice knowledge server: POST {AskPath} {{\"question\": \"...\"}}; {source.Name}, +{latency.TotalMilliseconds:0} ms\n"));
        app.MapPost(AskPath, (Func<HttpContext, Task<IResult>>)(context => AskAsync(context, source, answer, Draw(latency, max))));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new KnowledgeServer(app, new Uri(bound.TrimEnd('/') + "/"), latency, max);
    }

    private static TimeSpan Draw(TimeSpan min, TimeSpan max) =>
        max > min ? min + ((max - min) * Random.Shared.NextDouble()) : min;

    private static async Task<IResult> AskAsync(HttpContext context, IKnowledgeSource source, AnswerSettings answer, TimeSpan latency)
    {
        var aborted = context.RequestAborted;
        string? question;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: aborted);
            question = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String
                ? q.GetString()
                : null;
        }
        catch (JsonException)
        {
            question = null;
        }

        if (string.IsNullOrWhiteSpace(question))
        {
            return Results.BadRequest(new { error = "POST a JSON object with a non-empty \"question\" string." });
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, aborted);
        }

        KnowledgeResult result;
        try
        {
            result = await source.QueryAsync(question, partial: false, aborted);
        }
        catch (KnowledgeSourceException ex)
        {
            return Results.Json(new { error = ex.Message }, statusCode: StatusCodes.Status502BadGateway);
        }

        var composed = AnswerComposer.Compose(question, result.Passages, answer);
        return Results.Json(new
        {
            answer = result.Answer ?? composed?.Text,
            sources = result.Passages.Select(p => new { document = p.Document, chunk = p.Chunk, heading = p.Heading, text = p.Text, score = p.Score }),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
