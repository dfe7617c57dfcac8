using System.Net;
using ActorVoice.LocalServer.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>
/// ActorVoice's offline Realtime API server: Kestrel serving WebSockets at <c>/v1/realtime</c> and
/// <c>/realtime</c>. Runs in-process (the demo's default backend) or standalone (<c>actorvoice realtime</c>).
/// </summary>
public sealed class LocalRealtimeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LocalServerSettings _settings;
    private readonly SpeechServices _speech;
    private readonly ILogger _logger;
    private int _sessions;

    private LocalRealtimeServer(WebApplication app, LocalServerSettings settings, SpeechServices speech)
    {
        _app = app;
        _settings = settings;
        _speech = speech;
        _logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ActorVoice.LocalServer");
    }

    /// <summary>The base WebSocket URL, e.g. <c>ws://127.0.0.1:5123/v1/realtime</c>.</summary>
    public Uri RealtimeUri { get; private set; } = new("ws://127.0.0.1/v1/realtime");

    public int ActiveSessions => Volatile.Read(ref _sessions);

    /// <summary>
    /// Sees every text frame of every session, both directions (tests validate them against OpenAI's schemas;
    /// fault injection can log them). Called on the session's threads; must be thread-safe and quick.
    /// </summary>
    public Action<RealtimeFrame>? FrameObserver { get; set; }

    /// <summary>Starts the server and returns once it listens.</summary>
    public static async Task<LocalRealtimeServer> StartAsync(
        LocalServerSettings settings,
        SpeechServices speech,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Parse(settings.Host), settings.Port);
            options.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new LocalRealtimeServer(app, settings, speech);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.Map("/v1/realtime", server.HandleAsync);
        app.Map("/realtime", server.HandleAsync);
        app.MapGet("/healthz", () => Results.Text("ok"));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(address).Port;
        server.RealtimeUri = new Uri($"ws://{settings.Host}:{port}/v1/realtime");
        server._logger.LogInformation("Local realtime server listening on {Uri}", server.RealtimeUri);
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint speaks the Realtime API over WebSocket.");
            return;
        }

        if (Interlocked.Increment(ref _sessions) > _settings.MaxSessions)
        {
            Interlocked.Decrement(ref _sessions);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("Too many sessions.");
            return;
        }

        try
        {
            // Echo the "realtime" subprotocol only when the client offered it: some clients abort otherwise.
            var offered = context.WebSockets.WebSocketRequestedProtocols;
            var accept = new WebSocketAcceptContext { SubProtocol = offered.Contains("realtime") ? "realtime" : null };
            using var socket = await context.WebSockets.AcceptWebSocketAsync(accept);
            var model = context.Request.Query["model"].ToString();
            using var session = new RealtimeServerSession(socket, _settings, _speech, _logger, model) { FrameObserver = FrameObserver };
            _logger.LogInformation("Session {SessionId} opened (model {Model})", session.SessionId, model);
            await session.RunAsync(context.RequestAborted);
            _logger.LogInformation("Session {SessionId} closed", session.SessionId);
        }
        finally
        {
            Interlocked.Decrement(ref _sessions);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
