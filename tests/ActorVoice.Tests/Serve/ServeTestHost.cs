using ActorVoice.Cli.Runtime;
using ActorVoice.Server.Hosting;
using ActorVoice.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorVoice.Tests.Serve;

/// <summary>The real assistant host on a loopback port (Kestrel, the local realtime server, the sample documents).</summary>
internal sealed class ServeTestHost : IAsyncDisposable
{
    private ServeTestHost(WebApplication app, Uri baseUri)
    {
        App = app;
        BaseUri = baseUri;
    }

    public WebApplication App { get; }

    public Uri BaseUri { get; }

    public Uri WebSocketUri => new($"ws://{BaseUri.Authority}/ws");

    public static async Task<ServeTestHost> StartAsync(string folder, params string[] overrides)
    {
        var config = CliConfig.Load(null, ["actorvoice.engine.playback.output-dir = \"\"", .. overrides]);
        var app = ServeHost.Build(new ServeOptions(config, RepoPaths.SampleDocs, Path.Combine(folder, "index"), "http://127.0.0.1:0")
        {
            Status = null,
            MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        await app.StartAsync();
        // Sessions can start once the assistant behind the web server is up (what /readyz reports).
        await app.Services.GetRequiredService<AssistantHost>().Ready.WaitAsync(TimeSpan.FromMinutes(2));
        return new ServeTestHost(app, ServeHost.BoundUris(app)[0]);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
