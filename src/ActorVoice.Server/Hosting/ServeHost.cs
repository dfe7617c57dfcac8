using ActorVoice.Engine.Telemetry;
using ActorVoice.Hosting.Logging;
using ActorVoice.Server.Cluster;
using ActorVoice.Server.Configuration;
using ActorVoice.Server.Page;
using ActorVoice.Server.Security;
using ActorVoice.Server.Sockets;
using ActorVoice.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ActorVoice.Server.Hosting;

/// <summary>
/// The assistant host of <c>actorvoice serve</c>: Kestrel on the configured URLs serving the page at <c>/</c>, one live
/// voice session per WebSocket client at <c>/ws</c>, <c>/healthz</c>, <c>/readyz</c> and Prometheus metrics at
/// <c>/metrics</c>, in front of the Step 5 ActorVoice host (<see cref="AssistantHost"/>). Stopping it drains first
/// (<see cref="DrainService"/>).
/// </summary>
public static class ServeHost
{
    /// <summary>Builds the web application (not started). <see cref="BoundUris"/> reads its addresses once started.</summary>
    public static WebApplication Build(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = ServeSettings.Create(options.Config);
        var security = ServeSecuritySettings.Create(options.Config);
        // Read here so a bad cluster setting stops the start with its key named, before anything listens.
        var cluster = ClusterSettings.Create(options.Config);
        var urls = (options.Urls ?? settings.Urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Host.UseActorVoiceLogging(options.MinimumLogLevel);
        // Every line of a client's connection carries its session id.
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.IncludeScopes = true);
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.UseServeTls(security.Tls);
        });
        builder.WebHost.UseUrls(urls);
        builder.Host.ConfigureHostOptions(h => h.ShutdownTimeout = settings.DrainTimeout + TimeSpan.FromSeconds(20));

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(settings);
        services.AddSingleton(cluster);
        services.AddSingleton<ServeMetrics>();
        services.AddServeSecurity(security);
        services.AddSingleton<ClientRegistry>();
        // Registered before the web server: the assistant starts first (in the background) and stops last.
        services.AddSingleton<AssistantHost>();
        services.AddHostedService(sp => sp.GetRequiredService<AssistantHost>());
        services.AddHostedService<DrainService>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("actorvoice"))
            .WithMetrics(metrics => metrics
            .AddMeter(VoiceTelemetry.Name, ServeMetrics.MeterName)
            .AddPrometheusExporter());

        var app = builder.Build();
        // The meter exists from the start, so /metrics lists the serve instruments before the first client.
        app.Services.GetRequiredService<ServeMetrics>();
        // No token configured: loopback only (refuses to start on a public address, saying how to fix it).
        ServeBindingCheck.EnsureSafe(app.Services.GetRequiredService<ClientTokens>(), urls);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (AssistantHost assistant, ClientAdmission admission) =>
            admission.Draining ? Results.Text("draining", statusCode: StatusCodes.Status503ServiceUnavailable)
            : assistant.Failure is { } failure ? Results.Text("failed: " + failure, statusCode: StatusCodes.Status503ServiceUnavailable)
            : assistant.IsReady ? Results.Text("ready")
            : Results.Text("starting", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapClientEndpoint();
        app.MapTokenEndpoint();
        app.MapAssistantPage();
        return app;
    }

    /// <summary>The addresses Kestrel listens on (port 0 resolved), once started.</summary>
    public static IReadOnlyList<Uri> BoundUris(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return [.. addresses.Select(a => new Uri(a.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)))];
    }
}
