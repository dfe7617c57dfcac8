using System.Net;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorVoice.Hosting.Knowledge;

/// <summary>
/// A <see cref="KnowledgeServer"/> over the built-in index with its own host (the index built or opened, warmed up):
/// what <c>actorvoice knowledge-server</c> runs, and what the live lab starts in process for <c>url = embedded</c>.
/// Disposing stops the server, then the host.
/// </summary>
public sealed class KnowledgeServerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private KnowledgeServerHost(IHost host, KnowledgeServer server)
    {
        _host = host;
        Server = server;
    }

    public KnowledgeServer Server { get; }

    /// <param name="config">The composed HOCON (retrieval and answer settings); the knowledge source is forced to the index.</param>
    /// <param name="knowledge">The index folder (and the documents to build it from).</param>
    /// <param name="address">The address to bind.</param>
    /// <param name="port">TCP port; 0 picks a free one.</param>
    /// <param name="latency">Least delay added before each answer.</param>
    /// <param name="maxLatency">Greatest delay (uniform between the two); null: always <paramref name="latency"/>.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<KnowledgeServerHost> StartAsync(
        Akka.Configuration.Config config, KnowledgeOptions knowledge, IPAddress address, int port, TimeSpan latency, TimeSpan? maxLatency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var indexConfig = Akka.Configuration.ConfigurationFactory
            .ParseString(ActorVoiceConfig.Assign("actorvoice.engine.knowledge.source", "index"))
            .WithFallback(config);
        var host = new HostBuilder().AddActorVoice(indexConfig, voice => voice.WithKnowledge(knowledge)).Build();
        try
        {
            await host.StartAsync(cancellationToken);
            var server = await KnowledgeServer.StartAsync(
                host.Services.GetRequiredService<IKnowledgeSource>(),
                host.Services.GetRequiredService<EngineSettings>().Answer,
                address,
                port,
                latency,
                cancellationToken,
                maxLatency);
            return new KnowledgeServerHost(host, server);
        }
        catch
        {
            await StopHostAsync(host);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await StopHostAsync(_host);
    }

    private static async Task StopHostAsync(IHost host)
    {
        try
        {
            await host.StopAsync();
        }
        finally
        {
            host.Dispose();
        }
    }
}
