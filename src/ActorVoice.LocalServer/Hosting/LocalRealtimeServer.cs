using System.Net;
using ActorVoice.Faults;
using ActorVoice.LocalServer.Sessions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>
/// ActorVoice's offline Realtime API server: WebSockets at <c>/v1/realtime</c> and <c>/realtime</c> on the Kestrel
/// listener of a Generic Host (see <see cref="LocalServerHostBuilderExtensions.UseLocalRealtimeServer"/>). In-process
/// it shares the engine's host and lifetime; standalone (<c>actorvoice realtime</c>) it is the host's only service.
/// As a hosted service it starts after Kestrel listens and then knows its bound URLs (port 0 = a free port).
/// </summary>
public sealed class LocalRealtimeServer : IHostedService, IAsyncDisposable
{
    private readonly LocalServerSettings _settings;
    private readonly IServer _server;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private SpeechServices? _speech;
    private IHost? _ownedHost;
    private Uri? _realtimeUri;
    private int _sessions;

    public LocalRealtimeServer(LocalServerSettings settings, IServer server, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _settings = settings;
        _server = server;
        _services = services;
        _logger = loggerFactory.CreateLogger("ActorVoice.LocalServer");
    }

    /// <summary>
    /// The URL clients connect to, known once the host has started: <c>ws://127.0.0.1:5123/v1/realtime</c>, or with TLS
    /// the wss:// URL on the same port (<see cref="SecureRealtimeUri"/>).
    /// </summary>
    public Uri RealtimeUri => _realtimeUri ?? throw new InvalidOperationException("The local realtime server has not started yet.");

    /// <summary>The wss:// URL when TLS is enabled, e.g. <c>wss://localhost:5123/v1/realtime</c> on <c>port</c>; otherwise null.</summary>
    public Uri? SecureRealtimeUri { get; private set; }

    /// <summary>The plain ws:// URL: on <c>port</c> without TLS, on <c>tls.plain-port</c> with it, else null (TLS only).</summary>
    public Uri? PlainRealtimeUri { get; private set; }

    /// <summary>The PEM of the served certificate when TLS is enabled (clients may trust it), else null.</summary>
    public string? CertificatePemPath { get; private set; }

    public LocalServerSettings Settings => _settings;

    public int ActiveSessions => Volatile.Read(ref _sessions);

    /// <summary>
    /// Sees every text frame of every session, both directions (tests validate them against OpenAI's schemas;
    /// fault injection can log them). Called on the session's threads; must be thread-safe and quick.
    /// </summary>
    public Action<RealtimeFrame>? FrameObserver { get; set; }

    /// <summary>
    /// Starts a host holding only this server, with speech engines the caller owns (and disposes), and returns once
    /// it listens; disposing the server stops that host. Tests use it to run a server apart from any engine.
    /// </summary>
    public static Task<LocalRealtimeServer> StartAsync(
        LocalServerSettings settings,
        SpeechServices speech,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default) =>
        StartAsync(settings, speech, FaultInjection.None, configureLogging, cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync(LocalServerSettings, SpeechServices, Action{ILoggingBuilder}?, CancellationToken)"/>, with
    /// the fault plan its sessions honour (<c>actorvoice.faults.server</c>: stalls, cut responses, garbage frames).
    /// </summary>
    public static async Task<LocalRealtimeServer> StartAsync(
        LocalServerSettings settings,
        SpeechServices speech,
        FaultInjection faults,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(speech);
        var host = new HostBuilder()
            .ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                configureLogging?.Invoke(logging);
            })
            .ConfigureServices(services =>
            {
                services.AddSingleton(speech);
                services.AddSingleton(faults);
            })
            .UseLocalRealtimeServer(settings)
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        var server = host.Services.GetRequiredService<LocalRealtimeServer>();
        server._ownedHost = host;
        return server;
    }

    /// <summary>Called by the host once Kestrel listens: reads the bound addresses (port 0 becomes the real port).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A Silero VAD without its model fails the start with the error naming scripts/silero-model.sh, not the first turn.
        _settings.Vad.ChoiceFor(_settings.Vad.Threshold).EnsureAvailable();
        var addresses = _server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a)).ToList();
        if (addresses.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttp) is { } plain)
        {
            PlainRealtimeUri = new Uri($"ws://{_settings.Host}:{plain.Port}/v1/realtime");
            _logger.LogInformation("Local realtime server listening on {Uri}", PlainRealtimeUri);
        }

        if (addresses.FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttps) is { } secure)
        {
            // The certificate names localhost, so the wss URL uses it (clients verify the host name).
            var host = IPAddress.IsLoopback(IPAddress.Parse(_settings.Host)) ? "localhost" : _settings.Host;
            SecureRealtimeUri = new Uri($"wss://{host}:{secure.Port}/v1/realtime");
            CertificatePemPath = string.IsNullOrWhiteSpace(_settings.Tls.CertificatePath) ? LocalCertificate.PemPathFor(_settings.Tls.GeneratedCertificatePath) : null;
            _logger.LogInformation("Local realtime server listening on {Uri}", SecureRealtimeUri);
        }

        _realtimeUri = SecureRealtimeUri ?? PlainRealtimeUri ?? throw new InvalidOperationException("Kestrel reports no listening address.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles one request to a realtime path: refuses what is not an authorised WebSocket, else runs a session.</summary>
    internal async Task HandleAsync(HttpContext context)
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
            using var session = new RealtimeServerSession(socket, _settings, _speech ??= _services.GetRequiredService<SpeechServices>(), _logger, model)
            {
                FrameObserver = FrameObserver,
                Faults = _services.GetService<FaultInjection>() ?? FaultInjection.None,
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

    /// <summary>Stops the server's own host when it was started by <see cref="StartAsync(LocalServerSettings, SpeechServices, Action{ILoggingBuilder}?, CancellationToken)"/>; a shared host stops it otherwise.</summary>
    public async ValueTask DisposeAsync()
    {
        // Taken first: the host disposes this singleton again, which must not recurse.
        if (Interlocked.Exchange(ref _ownedHost, null) is { } host)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
