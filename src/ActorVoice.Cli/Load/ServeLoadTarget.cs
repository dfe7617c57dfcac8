using System.Globalization;
using System.Security.Cryptography;
using ActorVoice.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Cli.Load;

/// <summary>
/// The real serve host (<see cref="ServeHost"/>: Kestrel, /ws, the assistant behind it) started in this process on a free
/// loopback port, with a random client token (so every client goes through authentication) and room for all clients.
/// </summary>
public sealed class ServeLoadTarget : ILoadTarget
{
    private readonly WebApplication _app;

    private ServeLoadTarget(WebApplication app, Uri clientUri, string description)
    {
        _app = app;
        ClientUri = clientUri;
        Description = description;
    }

    public Uri ClientUri { get; }

    public string Description { get; }

    public static async Task<ServeLoadTarget> StartAsync(
        Akka.Configuration.Config config, string? docs, string indexFolder, int sessions, TextWriter status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var composed = Akka.Configuration.ConfigurationFactory.ParseString(string.Join('\n',
                $"actorvoice.serve.security.token = \"{token}\"",
                string.Create(CultureInfo.InvariantCulture, $"actorvoice.serve.limits.max-sessions = {Math.Max(sessions, 1)}")))
            .WithFallback(config);
        var app = ServeHost.Build(new ServeOptions(composed, docs, indexFolder, "http://127.0.0.1:0")
        {
            MinimumLogLevel = LogLevel.Warning,
            Status = status,
        });
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await app.Services.GetRequiredService<AssistantHost>().Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var http = ServeHost.BoundUris(app)[0];
        var ws = new UriBuilder(http) { Scheme = http.Scheme == "https" ? "wss" : "ws", Path = "/ws", Query = "token=" + token }.Uri;
        var realtime = config.GetString("actorvoice.engine.realtime.url", string.Empty);
        var backend = Uri.TryCreate(realtime, UriKind.Absolute, out var url) && url.Scheme is "ws" or "wss" ? "realtime at " + url.Host : "local realtime server";
        return new ServeLoadTarget(app, ws, "actorvoice serve in process, " + backend);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
