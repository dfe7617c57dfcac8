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

    /// <summary>The wss:// URL when TLS is enabled, e.g. <c>wss://localhost:5124/v1/realtime</c>; otherwise null.</summary>
    public Uri? SecureRealtimeUri { get; private set; }

    /// <summary>The PEM of the served certificate when TLS is enabled (clients may trust it), else null.</summary>
    public string? CertificatePemPath { get; private set; }

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
        var address = IPAddress.Parse(settings.Host);
        var certificate = settings.Tls.Enabled ? LocalCertificate.Load(settings.Tls) : null;
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Listen(address, settings.Port);
            if (certificate is not null)
            {
                options.Listen(address, settings.Tls.Port, listen => listen.UseHttps(certificate));
            }

            options.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new LocalRealtimeServer(app, settings, speech);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.Map("/v1/realtime", server.HandleAsync);
        app.Map("/realtime", server.HandleAsync);
        app.MapGet("/healthz", () => Results.Text("ok"));
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a)).ToList();
        var plain = addresses.First(a => a.Scheme == Uri.UriSchemeHttp);
        server.RealtimeUri = new Uri($"ws://{settings.Host}:{plain.Port}/v1/realtime");
        server._logger.LogInformation("Local realtime server listening on {Uri}", server.RealtimeUri);
        if (addresses.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttps) is { } secure)
        {
            // The certificate names localhost, so the wss URL uses it (clients verify the host name).
            var host = IPAddress.IsLoopback(address) ? "localhost" : settings.Host;
            server.SecureRealtimeUri = new Uri($"wss://{host}:{secure.Port}/v1/realtime");
            server.CertificatePemPath = string.IsNullOrWhiteSpace(settings.Tls.CertificatePath) ? LocalCertificate.PemPathFor(settings.Tls.GeneratedCertificatePath) : null;
            server._logger.LogInformation("Local realtime server listening on {Uri}", server.SecureRealtimeUri);
        }
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

        var offered = context.WebSockets.WebSocketRequestedProtocols;
        if (!string.IsNullOrEmpty(_settings.ApiKey) && !HasValidKey(context.Request, offered))
        {
            // The key itself is never logged.
            _logger.LogWarning("Refused a connection from {Remote}: missing or wrong API key", context.Connection.RemoteIpAddress);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsJsonAsync(new ErrorBody(new ErrorDetail(
                "Incorrect API key provided.", "invalid_request_error", "invalid_api_key")), ErrorBodyContext.Default.ErrorBody);
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
            var beta = context.Request.Headers["OpenAI-Beta"].Any(v => v?.Contains("realtime=v1", StringComparison.OrdinalIgnoreCase) == true)
                || offered.Contains(BetaSubprotocol);
            // Echo the "realtime" subprotocol only when the client offered it: some clients abort otherwise.
            var accept = new WebSocketAcceptContext { SubProtocol = offered.Contains("realtime") ? "realtime" : null };
            using var socket = await context.WebSockets.AcceptWebSocketAsync(accept);
            if (beta && !_settings.AcceptBeta)
            {
                await RefuseBetaAsync(socket);
                return;
            }

            var model = context.Request.Query["model"].ToString();
            using var session = new RealtimeServerSession(socket, _settings, _speech, _logger, model)
            {
                FrameObserver = FrameObserver,
                Dialect = beta ? RealtimeDialect.Beta : RealtimeDialect.GA,
            };
            _logger.LogInformation("Session {SessionId} opened (model {Model}, {Dialect})", session.SessionId, model, session.Dialect);
            await session.RunAsync(context.RequestAborted);
            _logger.LogInformation("Session {SessionId} closed", session.SessionId);
        }
        finally
        {
            Interlocked.Decrement(ref _sessions);
        }
    }

    private const string BetaSubprotocol = "openai-beta.realtime-v1";
    private const string KeySubprotocolPrefix = "openai-insecure-api-key.";

    private bool HasValidKey(HttpRequest request, IList<string> offered)
    {
        var expected = _settings.ApiKey;
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && FixedTimeEquals(header["Bearer ".Length..].Trim(), expected))
        {
            return true;
        }

        return offered.Any(p => p.StartsWith(KeySubprotocolPrefix, StringComparison.Ordinal) && FixedTimeEquals(p[KeySubprotocolPrefix.Length..], expected));
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));

    /// <summary>What OpenAI does since the beta shutdown: an error event, then close code 4000.</summary>
    private static async Task RefuseBetaAsync(System.Net.WebSockets.WebSocket socket)
    {
        var error = Realtime.Protocol.Serialization.RealtimeJson.Serialize(new Realtime.Protocol.Events.ErrorEvent(
            new Realtime.Protocol.Events.RealtimeError("invalid_request_error", "The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API.")
            {
                Code = "beta_api_shape_disabled",
            }) { EventId = IdGenerator.Next("event") });
        await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(error), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
        await socket.CloseAsync((System.Net.WebSockets.WebSocketCloseStatus)4000, "beta_api_shape_disabled", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
