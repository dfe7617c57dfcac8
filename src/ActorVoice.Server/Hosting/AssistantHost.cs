using Akka.Actor;
using Akka.Hosting;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Sessions;
using ActorVoice.Server.Cluster;
using ActorVoice.Server.Configuration;
using ActorVoice.Server.Security;
using ActorVoice.Server.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Server.Hosting;

/// <summary>
/// The voice assistant behind the web server: the Step 5 ActorVoice host (the index, the local realtime server on a
/// loopback port unless a realtime URL is configured, the actor system and <see cref="VoiceSessions"/>), started in the
/// background when the web server starts, so that /healthz answers at once and /readyz says when sessions can start.
/// It is a host of its own because the local realtime server has its own Kestrel listener, which must stay on loopback
/// apart from the public one. Stopping it runs the actor system's CoordinatedShutdown.
/// </summary>
public sealed class AssistantHost(ServeOptions options, ILogger<AssistantHost> logger) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<IHost> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IHost? _host;
    private Task? _starting;

    /// <summary>True once the assistant host has started and sessions can be created.</summary>
    public bool IsReady => _started.Task.IsCompletedSuccessfully && _host is not null;

    /// <summary>Why the assistant host could not start, if it failed.</summary>
    public string? Failure { get; private set; }

    /// <summary>Completes when the assistant host has started (faults when it could not).</summary>
    public Task Ready => _started.Task;

    public VoiceSessions Sessions => Services.GetRequiredService<VoiceSessions>();

    public ActorSystem System => Services.GetRequiredService<ActorSystem>();

    /// <summary>Where client sessions run: this process, or (cluster mode) the nodes of their shards.</summary>
    internal ISessionPlacement Placement => Services.GetRequiredService<ISessionPlacement>();

    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("The assistant host has not started yet.")).Services;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(StartInnerAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_starting is not null)
        {
            await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_host is { } host)
        {
            await host.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host?.Dispose();
        }

        _host = null;
    }

    /// <summary>
    /// The configuration the assistant runs with: the options' config with the engine's <c>turn.local-vad</c> decided
    /// by <c>actorvoice.serve.engine-local-vad</c>, and, with the embedded realtime server, a connect timeout of at
    /// least <c>actorvoice.serve.session-start-timeout</c>.
    /// </summary>
    public static Akka.Configuration.Config EffectiveConfig(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var serve = ServeSettings.Create(options.Config);
        var embedded = string.Equals(options.Config.GetString("actorvoice.engine.realtime.url", "embedded"), "embedded", StringComparison.OrdinalIgnoreCase);
        var config = options.Config;
        if (serve.EngineLocalVadFor(embedded) is { } localVad)
        {
            config = Akka.Configuration.ConfigurationFactory.ParseString("actorvoice.engine.turn.local-vad = " + (localVad ? "on" : "off")).WithFallback(config);
        }

        var connectTimeout = config.GetTimeSpan("actorvoice.engine.realtime.connect-timeout", TimeSpan.FromSeconds(10));
        if (embedded && connectTimeout < serve.SessionStartTimeout)
        {
            // The embedded server runs in this process: a connection slow to open means the process is busy (many
            // clients at once), not that the server is gone, and the client's session-start-timeout bounds the wait.
            // With the engine's 10 s, sessions that arrived while 50 others spoke failed to start (docs/load.md).
            var seconds = serve.SessionStartTimeout.TotalSeconds.ToString(global::System.Globalization.CultureInfo.InvariantCulture);
            config = Akka.Configuration.ConfigurationFactory.ParseString($"actorvoice.engine.realtime.connect-timeout = {seconds}s").WithFallback(config);
        }

        return config;
    }

    private async Task StartInnerAsync()
    {
        var cluster = ClusterSettings.Create(options.Config);
        var serve = ServeSettings.Create(options.Config);
        var host = new HostBuilder()
            .AddActorVoice(EffectiveConfig(options), voice =>
            {
                voice.MinimumLogLevel = options.MinimumLogLevel <= LogLevel.Information ? LogLevel.Warning : options.MinimumLogLevel;
                voice.Status = options.Status;
                voice.WithKnowledge(new KnowledgeOptions(options.IndexFolder, options.Docs)).WithVoiceEngine();
                if (voice.Settings.Realtime.IsEmbedded)
                {
                    // Every client's session holds one connection to the embedded server, two while it is handed over
                    // to a fresh one: the server's own cap must not refuse clients the web server admitted.
                    var clients = ServeSecuritySettings.Create(options.Config).Limits.MaxSessions;
                    voice.WithLocalRealtimeServer(s => s with { Port = 0, Host = "127.0.0.1", MaxSessions = Math.Max(s.MaxSessions, 2 * clients) });
                }

                if (cluster.Enabled)
                {
                    voice.WithVoiceCluster(cluster);
                }
            })
            .ConfigureServices(services => services.AddSingleton<ISessionPlacement>(sp => cluster.Enabled
                ? new ClusterSessionPlacement(sp.GetRequiredService<ActorSystem>(), sp.GetRequiredService<IRequiredActor<SessionRegion>>().ActorRef, serve.SessionStartTimeout, cluster.ReattachInterval)
                : new LocalSessionPlacement(sp.GetRequiredService<ActorSystem>(), sp.GetRequiredService<VoiceSessions>())))
            .Build();
        try
        {
            await host.StartAsync().ConfigureAwait(false);
            if (cluster.Enabled)
            {
                // A node whose index differs from the cluster's never becomes ready (docs/cluster.md).
                await ClusterIndexCheck.VerifyAsync(host.Services.GetRequiredService<ActorSystem>(), options.IndexFolder, cluster.TranscriptTimeout, CancellationToken.None).ConfigureAwait(false);
            }

            _host = host;
            logger.LogInformation("The assistant is ready");
            _started.TrySetResult(host);
        }
        catch (Exception ex)
        {
            Failure = ex.Message;
            logger.LogError("The assistant could not start: {Reason}", ex.Message);
            if (cluster.Enabled && ex is InvalidOperationException)
            {
                // Started but refused (its index is not the cluster's): it leaves the cluster rather than lingering in it.
                await host.StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }

            host.Dispose();
            _started.TrySetException(ex);
        }
    }
}
