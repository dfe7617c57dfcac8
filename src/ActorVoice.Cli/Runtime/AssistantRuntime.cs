using Akka.Actor;
using Akka.Configuration;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Engine.Realtime;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Indexing;
using ActorVoice.Retrieval.Search;
using ActorVoice.Speech.Recognition;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Cli.Runtime;

/// <summary>
/// Everything one CLI conversation needs, started in order and disposed in reverse: the document index, the
/// embedded local realtime server (unless a URL is configured), the actor system and one session actor.
/// </summary>
public sealed class AssistantRuntime : IAsyncDisposable
{
    private readonly List<Func<ValueTask>> _cleanup = [];

    private AssistantRuntime()
    {
    }

    public ActorSystem System { get; private set; } = null!;

    public IActorRef Session { get; private set; } = ActorRefs.Nobody;

    public KnowledgeIndex Index { get; private set; } = null!;

    public EngineSettings Settings { get; private set; } = null!;

    public Uri RealtimeUri { get; private set; } = null!;

    /// <summary>
    /// Starts a runtime. <paramref name="docs"/> (optional) is indexed into <paramref name="indexFolder"/> and feeds the
    /// recognizer's language model; without it the index folder is opened as is. <paramref name="observer"/> creates the
    /// actor that receives turn notifications.
    /// </summary>
    public static async Task<AssistantRuntime> StartAsync(
        Akka.Configuration.Config config,
        string? docs,
        string indexFolder,
        Func<ActorSystem, IActorRef>? observer,
        bool verbose,
        CancellationToken cancellationToken)
    {
        var runtime = new AssistantRuntime();
        try
        {
            await runtime.InitAsync(config, docs, indexFolder, observer, verbose, cancellationToken);
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    private async Task InitAsync(
        Akka.Configuration.Config config, string? docs, string indexFolder, Func<ActorSystem, IActorRef>? observer, bool verbose, CancellationToken cancellationToken)
    {
        Settings = EngineSettings.Create(config);
        using var loggerFactory = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning));
        var logger = loggerFactory.CreateLogger("actorvoice");

        var options = Settings.Retrieval.ToOptions();
        var dense = Settings.Retrieval.UsesDense ? DenseRetrieval.WithVectorIndexFactory(MiniLmEmbedder.Shared) : null;
        if (docs is not null)
        {
            Console.Error.WriteLine($"Indexing {docs} into {indexFolder} ({Settings.Retrieval.Mode}) ...");
            Index = await Task.Run(() => KnowledgeIndex.Build(docs, indexFolder, options, dense: dense, cancellationToken: cancellationToken), cancellationToken);
        }
        else
        {
            Index = KnowledgeIndex.Open(indexFolder, options, dense);
        }

        // Load the embedder and warm the searcher now, not on the first question.
        await Task.Run(() => Index.WarmUp(cancellationToken), cancellationToken);

        _cleanup.Add(() =>
        {
            Index.Dispose();
            return ValueTask.CompletedTask;
        });

        string? apiKey = null;
        var serverConfig = config;
        if (docs is not null)
        {
            serverConfig = ConfigurationFactory.ParseString($"actorvoice.local-server.recognition.domain-docs = {CliConfig.Quote(Path.GetFullPath(docs))}")
                .WithFallback(config);
        }

        IRecognizerPool? localRecognizers = null;
        if (Settings.Turn.LocalRecognizer)
        {
            // The engine's own shadow recognizer: same models as the local server, its own decoders.
            var shadow = await SpeechServicesFactory.CreateAsync(LocalServerSettings.Create(serverConfig) with { Port = 0 }, logger, cancellationToken);
            localRecognizers = shadow.Recognizers;
            _cleanup.Add(() =>
            {
                shadow.Recognizers.Dispose();
                return ValueTask.CompletedTask;
            });
        }

        if (Settings.Realtime.IsEmbedded)
        {
            var serverSettings = LocalServerSettings.Create(serverConfig) with { Port = 0 };
            Console.Error.WriteLine("Starting the local realtime server (pocketsphinx + flite) ...");
            var speech = await SpeechServicesFactory.CreateAsync(serverSettings, logger, cancellationToken);
            _cleanup.Add(() =>
            {
                speech.Recognizers.Dispose();
                return ValueTask.CompletedTask;
            });
            var server = await LocalRealtimeServer.StartAsync(
                serverSettings,
                speech,
                b => b.AddSimpleConsole(o => o.SingleLine = true)
                    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                    .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning),
                cancellationToken);
            _cleanup.Add(server.DisposeAsync);
            RealtimeUri = server.RealtimeUri;
        }
        else
        {
            RealtimeUri = new Uri(Settings.Realtime.Url);
            if (RealtimeUri.Host.EndsWith("openai.com", StringComparison.OrdinalIgnoreCase))
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

            var query = RealtimeUri.Query.Length > 0 ? RealtimeUri.Query : "?model=" + Uri.EscapeDataString(Settings.Realtime.Model);
            RealtimeUri = new UriBuilder(RealtimeUri) { Query = query.TrimStart('?') }.Uri;
        }

        var akkaConfig = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = {{(verbose ? "INFO" : "WARNING")}}
              stdout-loglevel = OFF
              loggers = ["{{typeof(StderrLogger).AssemblyQualifiedName}}"]
              actor.ask-timeout = 60s
            }
            """).WithFallback(config);
        System = ActorSystem.Create("actorvoice", akkaConfig);
        _cleanup.Add(async () => await System.Terminate());
        var observerRef = observer?.Invoke(System);
        var knowledge = KnowledgeSourceFactory.Create(Settings, Index);
        _cleanup.Add(() =>
        {
            knowledge.Dispose();
            return ValueTask.CompletedTask;
        });
        Session = System.ActorOf(SessionActor.Props(Settings, new RealtimeEndpoint(RealtimeUri, apiKey), knowledge, observerRef, localRecognizers), "session");
        var ready = await Session.Ask<object>(SessionActor.AwaitReady.Instance, Settings.Realtime.ConnectTimeout + Settings.Realtime.SessionTimeout + TimeSpan.FromSeconds(5), cancellationToken);
        if (ready is SessionActor.SessionFailed failed)
        {
            throw new InvalidOperationException("The voice session could not start: " + failed.Reason);
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
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            try
            {
                await _cleanup[i]();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Cleanup failed: {ex.Message}");
            }
        }

        _cleanup.Clear();
    }
}
