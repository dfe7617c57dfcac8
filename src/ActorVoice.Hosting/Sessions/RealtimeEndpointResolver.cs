using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Realtime;
using ActorVoice.LocalServer.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorVoice.Hosting.Sessions;

/// <summary>
/// Where sessions connect: the in-process local server's bound URL when <c>realtime.url = embedded</c>, else the
/// configured URL with its key (see <see cref="Remote"/> and <c>actorvoice.engine.realtime.api-key-env</c>).
/// The key is never printed: <see cref="RealtimeEndpoint"/> and <see cref="RealtimeKey"/> name only its source.
/// </summary>
public sealed class RealtimeEndpointResolver(EngineSettings settings, IServiceProvider services)
{
    private RealtimeEndpoint? _endpoint;

    public RealtimeEndpoint Resolve() => _endpoint ??= settings.Realtime.IsEmbedded ? Embedded() : Remote(settings.Realtime);

    /// <summary>The only host that receives <c>OPENAI_API_KEY</c> unless <c>api-key-env</c> names it for another.</summary>
    public const string OpenAiHost = "api.openai.com";

    /// <summary>
    /// The endpoint of a remote Realtime API: the URL (with <c>?model=</c> unless it has a query) and its key, read
    /// from <c>api-key</c>, else the variable <c>api-key-env</c> names, else <c>OPENAI_API_KEY</c> for
    /// api.openai.com and <c>ACTORVOICE_REALTIME_KEY</c> for other hosts, sent in the <c>api-key-header</c> style.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key's variable is not set, and either the host is api.openai.com or the variable was configured.</exception>
    public static RealtimeEndpoint Remote(RealtimeSettings realtime)
    {
        ArgumentNullException.ThrowIfNull(realtime);
        var uri = new Uri(realtime.Url);
        var query = uri.Query.Length > 0 ? uri.Query : "?model=" + Uri.EscapeDataString(realtime.Model);
        return new RealtimeEndpoint(new UriBuilder(uri) { Query = query.TrimStart('?') }.Uri, KeyFor(uri, realtime));
    }

    private static RealtimeKey? KeyFor(Uri uri, RealtimeSettings realtime)
    {
        var header = realtime.ApiKeyHeader == "api-key" ? RealtimeKeyHeader.ApiKey : RealtimeKeyHeader.Bearer;
        if (!string.IsNullOrEmpty(realtime.ApiKey))
        {
            return new RealtimeKey(realtime.ApiKey, header, "setting actorvoice.engine.realtime.api-key");
        }

        var openAi = string.Equals(uri.Host, OpenAiHost, StringComparison.OrdinalIgnoreCase);
        var configured = !string.IsNullOrWhiteSpace(realtime.ApiKeyVariable);
        var variable = configured ? realtime.ApiKeyVariable.Trim() : openAi ? "OPENAI_API_KEY" : "ACTORVOICE_REALTIME_KEY";
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value))
        {
            return new RealtimeKey(value, header, $"environment variable {variable}");
        }

        if (openAi || configured)
        {
            throw new InvalidOperationException(
                $"{variable} is not set; it is needed to connect to the realtime endpoint at {uri.Host} (see actorvoice.engine.realtime.api-key-env).");
        }

        // A keyless endpoint, e.g. another ActorVoice server without api-key.
        return null;
    }

    private RealtimeEndpoint Embedded()
    {
        var server = services.GetService<LocalRealtimeServer>()
            ?? throw new InvalidOperationException(
                "actorvoice.engine.realtime.url = embedded, but this host runs no local realtime server (add WithLocalRealtimeServer, or set a ws:// or wss:// URL).");
        // In-process the plain listener, when there is one, spares the engine the self-signed certificate.
        return new RealtimeEndpoint(server.PlainRealtimeUri ?? server.RealtimeUri);
    }
}
