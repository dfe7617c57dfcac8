using Akka.Actor;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Lifetime;
using ActorVoice.Hosting.Sessions;
using ActorVoice.Retrieval.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Cli.Runtime;

/// <summary>
/// A conversation for the CLI and the end-to-end tests: one ActorVoice host (the index, the local realtime server
/// unless a URL is configured, the actor system) and one session on it. Disposing it stops and disposes the host.
/// </summary>
public sealed class AssistantRuntime : IAsyncDisposable
{
    private int _disposed;

    private AssistantRuntime(IHost host, IActorRef session, EngineSettings settings, Uri realtimeUri)
    {
        Host = host;
        Session = session;
        Settings = settings;
        RealtimeUri = realtimeUri;
    }

    public IHost Host { get; }

    public ActorSystem System => Host.Services.GetRequiredService<ActorSystem>();

    public IActorRef Session { get; }

    public KnowledgeIndex Index => Host.Services.GetRequiredService<HostedResource<KnowledgeIndex>>().Value;

    public EngineSettings Settings { get; }

    public Uri RealtimeUri { get; }

    /// <summary>
    /// Starts a runtime. <paramref name="docs"/> (optional) is indexed into <paramref name="indexFolder"/> and feeds the
    /// recognizer's language model; without it the index folder is opened as is. <paramref name="observer"/> creates the
    /// actor that receives turn notifications. <paramref name="traceFile"/> (optional) receives the session's JSONL trace
    /// (else <c>telemetry.trace-dir</c> decides).
    /// </summary>
    public static async Task<AssistantRuntime> StartAsync(
        Akka.Configuration.Config config,
        string? docs,
        string indexFolder,
        Func<ActorSystem, IActorRef>? observer,
        bool verbose,
        CancellationToken cancellationToken,
        string? traceFile = null)
    {
        var host = new HostBuilder()
            .AddActorVoice(config, voice =>
            {
                voice.MinimumLogLevel = verbose ? LogLevel.Information : LogLevel.Warning;
                voice.WithKnowledge(new KnowledgeOptions(indexFolder, docs)).WithVoiceEngine();
                if (voice.Settings.Realtime.IsEmbedded)
                {
                    voice.WithLocalRealtimeServer(s => s with { Port = 0 });
                }
            })
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
            var system = host.Services.GetRequiredService<ActorSystem>();
            var sessions = host.Services.GetRequiredService<VoiceSessions>();
            var session = await sessions.StartAsync(observer?.Invoke(system), "session", cancellationToken, traceFile);
            var endpoint = host.Services.GetRequiredService<RealtimeEndpointResolver>().Resolve();
            return new AssistantRuntime(host, session, sessions.Settings, endpoint.Uri);
        }
        catch
        {
            await StopAsync(host);
            throw;
        }
    }

    /// <summary>Runs one spoken question through the session.</summary>
    public Task<TurnResult> AskAsync(string wavPath, string label, CancellationToken cancellationToken, TurnActor.Interrupt? interrupt = null) =>
        Session.Ask<TurnResult>(new SessionActor.RunTurn(wavPath, label, interrupt), Settings.Turn.TurnTimeout + TimeSpan.FromSeconds(10), cancellationToken);

    /// <summary>The result of turn <paramref name="turnNumber"/> once it ends (e.g. the turn a barge-in started).</summary>
    public Task<TurnResult> AwaitTurnAsync(int turnNumber, CancellationToken cancellationToken) =>
        Session.Ask<TurnResult>(new SessionActor.AwaitTurn(turnNumber), Settings.Turn.TurnTimeout + TimeSpan.FromSeconds(10), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopAsync(Host);
        }
    }

    /// <summary>Stops and disposes a host, reporting (not throwing) a stop that fails.</summary>
    internal static async Task StopAsync(IHost host)
    {
        try
        {
            await host.StopAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or AggregateException)
        {
            await Console.Error.WriteLineAsync($"Stopping failed: {ex.Message}");
        }
        finally
        {
            if (host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync();
            }
            else
            {
                host.Dispose();
            }
        }
    }
}
