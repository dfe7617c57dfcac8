using Akka.Hosting;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Knowledge;
using ActorVoice.Faults;
using ActorVoice.Hosting.Configuration;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Lifetime;
using ActorVoice.Hosting.Logging;
using ActorVoice.Hosting.Sessions;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Hosting;

/// <summary>
/// Chooses the parts of an ActorVoice host (see <see cref="ActorVoiceHostBuilderExtensions.AddActorVoice"/>). Whatever
/// the order of the calls, the host starts them in one order: the index (built or opened, warmed up), the local
/// server's speech engines and its listener, the shadow recognizers, then the actor system; it stops and disposes
/// them in reverse.
/// </summary>
public sealed class ActorVoiceBuilder
{
    private KnowledgeOptions? _knowledge;
    private Func<LocalServerSettings, LocalServerSettings>? _localServer;
    private bool _engine;
    private Action<AkkaConfigurationBuilder>? _configureAkka;
    private Action<AkkaConfigurationBuilder, IServiceProvider>? _configureAkkaWithServices;
    private FaultInjection _faults = FaultInjection.None;

    internal ActorVoiceBuilder(Akka.Configuration.Config config)
    {
        Config = config;
        Settings = EngineSettings.Create(config);
    }

    /// <summary>The composed HOCON (see <see cref="ActorVoiceConfig.Load"/>).</summary>
    public Akka.Configuration.Config Config { get; }

    /// <summary>The engine settings read from <see cref="Config"/>.</summary>
    public EngineSettings Settings { get; }

    /// <summary>Where start-up progress is written for people ("Indexing ..."); null for none.</summary>
    public TextWriter? Status { get; set; } = Console.Error;

    /// <summary>The least severe log level shown, for the host's loggers and the actor system's (Information when verbose).</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Builds or opens the document index and creates the knowledge source <c>actorvoice.engine.knowledge</c> names.</summary>
    public ActorVoiceBuilder WithKnowledge(KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _knowledge = options;
        return this;
    }

    /// <summary>
    /// Runs the local realtime server on this host (pocketsphinx + flite behind Kestrel). With <see cref="WithKnowledge"/>
    /// and without <see cref="WithVoiceEngine"/> it answers user turns no client injected text for from the documents,
    /// as the engine would. <paramref name="adjust"/>
    /// changes the settings read from <c>actorvoice.local-server</c>, e.g. <c>s => s with { Port = 0 }</c> for a free port.
    /// </summary>
    public ActorVoiceBuilder WithLocalRealtimeServer(Func<LocalServerSettings, LocalServerSettings>? adjust = null)
    {
        _localServer = adjust ?? (s => s);
        return this;
    }

    /// <summary>Runs the actor system and <see cref="VoiceSessions"/>; <paramref name="configure"/> adds to the Akka.Hosting setup.</summary>
    public ActorVoiceBuilder WithVoiceEngine(Action<AkkaConfigurationBuilder>? configure = null)
    {
        _engine = true;
        _configureAkka = configure;
        return this;
    }

    /// <summary>
    /// Adds to the actor system's Akka.Hosting setup with the host's services at hand (e.g. cluster sharding whose
    /// entities start sessions through <see cref="VoiceSessions"/>); applied after <see cref="WithVoiceEngine"/>'s own.
    /// </summary>
    public ActorVoiceBuilder WithAkka(Action<AkkaConfigurationBuilder, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configureAkkaWithServices += configure;
        return this;
    }

    /// <summary>
    /// Injects the faults of <paramref name="faults"/>' plan (docs/faults.md) into every part of this host: the engine's
    /// sessions (socket proxy, capture, playback, knowledge, actor crashes) and the local server. Without it nothing is injected.
    /// </summary>
    public ActorVoiceBuilder WithFaults(FaultInjection faults)
    {
        _faults = faults ?? throw new ArgumentNullException(nameof(faults));
        return this;
    }

    internal void Apply(IHostBuilder host)
    {
        host.UseActorVoiceLogging(MinimumLogLevel);
        host.ConfigureServices(services =>
        {
            services.AddSingleton(Config);
            services.AddSingleton(Settings);
            services.AddSingleton(_faults);
            if (_knowledge is not null)
            {
                KnowledgeRegistration.Add(services, Settings, _knowledge, Status);
            }
        });

        // The recognizer's language model comes from the documents being indexed, when there are any.
        var speechConfig = _knowledge?.DocumentsFolder is { } docs
            ? Akka.Configuration.ConfigurationFactory
                .ParseString(ActorVoiceConfig.Assign("actorvoice.local-server.recognition.domain-docs", Path.GetFullPath(docs)))
                .WithFallback(Config)
            : Config;
        if (_localServer is not null)
        {
            var serverSettings = _localServer(LocalServerSettings.Create(speechConfig));
            host.ConfigureServices(services =>
            {
                services.AddSingleton(sp => new HostedResource<SpeechServices>(
                    async ct =>
                    {
                        Status?.WriteLine("Starting the local realtime server (pocketsphinx + flite) ...");
                        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("ActorVoice.LocalServer");
                        var speech = await SpeechServicesFactory.CreateAsync(serverSettings, logger, ct);
                        // Standalone with documents, the server answers user turns itself; under the engine, the engine
                        // injects every answer and the server keeps none of its own.
                        return _knowledge is not null && !_engine
                            ? speech with { Answerer = new KnowledgeAnswerer(sp.GetRequiredService<IKnowledgeSource>(), Settings, logger) }
                            : speech;
                    },
                    speech => speech.Recognizers.Dispose()));
                services.AddHostedService(sp => sp.GetRequiredService<HostedResource<SpeechServices>>());
                services.AddSingleton(sp => sp.GetRequiredService<HostedResource<SpeechServices>>().Value);
            });
            host.UseLocalRealtimeServer(serverSettings);
        }

        if (_engine)
        {
            host.ConfigureServices(services => VoiceEngineRegistration.Add(services, speechConfig, Settings, MinimumLogLevel, _configureAkka, _configureAkkaWithServices));
        }
    }
}
