using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Tests.Knowledge;

/// <summary>
/// A real HTTP chatbot backend on loopback (Kestrel, random port) with well-behaved, slow and broken endpoints.
/// </summary>
public sealed class LoopbackKnowledgeBackend : IAsyncLifetime
{
    private static readonly string[] DocumentNames = ["a.md", "b.md"];
    private WebApplication? _app;
    private TaskCompletionSource _slowAborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _slowReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Completes when a request to <c>/slow</c> was aborted by the client.</summary>
    public Task SlowRequestAborted => _slowAborted.Task;

    /// <summary>Completes when a request to <c>/slow</c> has arrived.</summary>
    public Task SlowRequestReceived => _slowReceived.Task;

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public void ResetSlow()
    {
        _slowAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _slowReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/ask", async (HttpContext context) =>
        {
            var question = await QuestionAsync(context, "question");
            return Results.Json(new
            {
                answer = $"You asked: {question}",
                sources = new object[]
                {
                    new { document = "handbook/vacation.md", chunk = 3, heading = "Vacation > Days", text = "Twenty-two days.", score = 7.5 },
                    new { document = "handbook/leave.md", text = "Unpaid leave.", score = "2.25" },
                },
            });
        });
        app.MapPost("/nested", async (HttpContext context) =>
        {
            var question = await QuestionAsync(context, "query");
            return Results.Json(new { data = new { choices = new[] { new { reply = $"Nested: {question}" } } }, refs = DocumentNames });
        });
        app.MapPost("/slow", async (HttpContext context) =>
        {
            _slowReceived.TrySetResult();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                _slowAborted.TrySetResult();
                throw;
            }

            return Results.Json(new { answer = "too late" });
        });
        app.MapPost("/fail", () => Results.Text("database down", statusCode: StatusCodes.Status500InternalServerError));
        app.MapPost("/html", () => Results.Content("<html><body>Welcome</body></html>", "text/html"));
        app.MapPost("/neither", () => Results.Json(new { status = "ok" }));
        app.MapPost("/answer-number", () => Results.Json(new { answer = 42 }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseUri = new Uri(address + "/");
        _app = app;
    }

    private static async Task<string?> QuestionAsync(HttpContext context, string field)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        return body.RootElement.GetProperty(field).GetString();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
