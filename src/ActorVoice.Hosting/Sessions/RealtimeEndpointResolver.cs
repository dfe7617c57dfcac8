using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Realtime;
using ActorVoice.LocalServer.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorVoice.Hosting.Sessions;

/// <summary>
/// Where sessions connect: the in-process local server's bound URL when <c>realtime.url = embedded</c>, else the
/// configured URL with its key (<c>OPENAI_API_KEY</c> for openai.com hosts, <c>ACTORVOICE_REALTIME_KEY</c> otherwise).
/// The key is never printed: <see cref="RealtimeEndpoint"/> redacts it.
/// </summary>
public sealed class RealtimeEndpointResolver(EngineSettings settings, IServiceProvider services)
{
    private RealtimeEndpoint? _endpoint;

    public RealtimeEndpoint Resolve() => _endpoint ??= settings.Realtime.IsEmbedded ? Embedded() : Remote(settings.Realtime);

    /// <summary>The endpoint of a remote Realtime API: the URL (with <c>?model=</c> unless it has a query) and its key.</summary>
    /// <exception cref="InvalidOperationException">The host is openai.com and <c>OPENAI_API_KEY</c> is not set.</exception>
    public static RealtimeEndpoint Remote(RealtimeSettings realtime)
    {
        ArgumentNullException.ThrowIfNull(realtime);
        var uri = new Uri(realtime.Url);
        string? apiKey;
        if (uri.Host.EndsWith("openai.com", StringComparison.OrdinalIgnoreCase))
        {
            apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
            if (string.IsNullOrEmpty(apiKey))
            {
                throw new InvalidOperationException("OPENAI_API_KEY is not set; it is needed to connect to the OpenAI Realtime API.");
            }
        }
        else
        {
            apiKey = Environment.GetEnvironmentVariable("ACTORVOICE_REALTIME_KEY");
        }

        var query = uri.Query.Length > 0 ? uri.Query : "?model=" + Uri.EscapeDataString(realtime.Model);
        return new RealtimeEndpoint(new UriBuilder(uri) { Query = query.TrimStart('?') }.Uri, apiKey);
    }

    private RealtimeEndpoint Embedded()
    {
        var server = services.GetService<LocalRealtimeServer>()
            ?? throw new InvalidOperationException(
                "actorvoice.engine.realtime.url = embedded, but this host runs no local realtime server (add WithLocalRealtimeServer, or set a ws:// or wss:// URL).");
        return new RealtimeEndpoint(server.RealtimeUri);
    }
}
