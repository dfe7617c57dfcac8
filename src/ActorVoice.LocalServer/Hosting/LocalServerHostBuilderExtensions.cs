using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>Puts the local realtime server on a Generic Host: Kestrel, the WebSocket endpoints and the server service.</summary>
public static class LocalServerHostBuilderExtensions
{
    /// <summary>
    /// Adds Kestrel listening on <see cref="LocalServerSettings.Host"/>:<see cref="LocalServerSettings.Port"/> (wss://
    /// there when TLS is enabled, plus plain ws:// on <see cref="TlsSettings.PlainPort"/> if set) serving <c>/v1/realtime</c>, <c>/realtime</c> and <c>/healthz</c>, and registers
    /// <see cref="LocalRealtimeServer"/>. The host must also provide <see cref="Sessions.SpeechServices"/>, ready before
    /// the web server starts (register it, or the hosted service that creates it, before calling this).
    /// </summary>
    public static IHostBuilder UseLocalRealtimeServer(this IHostBuilder host, LocalServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        host.ConfigureServices(services => services.AddSingleton(settings).AddSingleton<LocalRealtimeServer>());
        host.ConfigureWebHost(web => web
            .UseKestrel(options =>
            {
                var address = IPAddress.Parse(settings.Host);
                if (!settings.Tls.Enabled)
                {
                    options.Listen(address, settings.Port);
                }
                else
                {
                    // TLS is served on the port clients were told, as OpenAI serves wss:// only; plain only on request.
                    var certificate = LocalCertificate.Load(settings.Tls);
                    options.Listen(address, settings.Port, listen => listen.UseHttps(certificate));
                    if (settings.Tls.PlainPort != TlsSettings.NoPlainListener)
                    {
                        options.Listen(address, settings.Tls.PlainPort);
                    }
                }

                options.AddServerHeader = false;
            })
            .Configure(app =>
            {
                var server = app.ApplicationServices.GetRequiredService<LocalRealtimeServer>();
                app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
                app.Map("/v1/realtime", branch => branch.Run(context => ExactPath(context, server.HandleAsync)));
                app.Map("/realtime", branch => branch.Run(context => ExactPath(context, server.HandleAsync)));
                app.Map("/healthz", branch => branch.Run(context => ExactPath(context, c => c.Response.WriteAsync("ok"))));
            }));

        // Registered after the web host, so it starts once Kestrel listens and can read the bound ports.
        host.ConfigureServices(services => services.AddHostedService(sp => sp.GetRequiredService<LocalRealtimeServer>()));
        return host;
    }

    /// <summary>Map matches a path prefix; the endpoints are exact paths, anything below them is not found.</summary>
    private static Task ExactPath(HttpContext context, RequestDelegate handler)
    {
        if (context.Request.Path.HasValue && context.Request.Path.Value != "/")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return handler(context);
    }
}
