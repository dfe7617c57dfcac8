using ActorVoice.Hosting;
using ActorVoice.Hosting.Configuration;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorVoice.Tests.Cluster;

/// <summary>
/// The realtime backend every cluster node talks to, as nodes would talk to OpenAI's: one local realtime server
/// (pocketsphinx, flite) on a loopback port, with its language model from the sample documents.
/// </summary>
internal sealed class SharedRealtimeServer : IAsyncDisposable
{
    private readonly IHost _host;

    private SharedRealtimeServer(IHost host, Uri uri)
    {
        _host = host;
        Uri = uri;
    }

    public Uri Uri { get; }

    public static async Task<SharedRealtimeServer> StartAsync(int maxSessions)
    {
        var config = ActorVoiceConfig.Load(null, [ActorVoiceConfig.Assign("actorvoice.local-server.recognition.domain-docs", RepoPaths.SampleDocs)]);
        var host = new HostBuilder()
            .AddActorVoice(config, voice =>
            {
                voice.Status = null;
                voice.WithLocalRealtimeServer(s => s with { Port = 0, Host = "127.0.0.1", MaxSessions = maxSessions });
            })
            .Build();
        await host.StartAsync();
        return new SharedRealtimeServer(host, host.Services.GetRequiredService<LocalRealtimeServer>().RealtimeUri);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}
