using Akka.Configuration;
using Akka.Hosting;
using ActorVoice.Engine.Configuration;
using ActorVoice.Hosting.Lifetime;
using ActorVoice.Hosting.Logging;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Speech.Recognition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Hosting.Sessions;

/// <summary>Registers the actor system (Akka.Hosting), the session factory and, when configured, the local shadow recognizers.</summary>
internal static class VoiceEngineRegistration
{
    /// <summary>What the engine adds to the configured HOCON: nothing on stdout (it may carry <c>--json</c>), a generous ask timeout.</summary>
    private static readonly Akka.Configuration.Config EngineAkkaConfig = ConfigurationFactory.ParseString("""
        akka {
          stdout-loglevel = OFF
          actor.ask-timeout = 60s
        }
        """);

    public static void Add(
        IServiceCollection services,
        Akka.Configuration.Config config,
        EngineSettings settings,
        LogLevel logLevel,
        Action<AkkaConfigurationBuilder>? configure,
        Action<AkkaConfigurationBuilder, IServiceProvider>? configureWithServices = null)
    {
        if (settings.Turn.LocalRecognizer)
        {
            // The engine's own shadow recognizer: same models as the local server, its own decoders.
            var recognition = LocalServerSettings.Create(config).Recognition;
            services.AddSingleton(sp => new HostedResource<IRecognizerPool>(
                ct => SpeechServicesFactory.CreateRecognizersAsync(recognition, sp.GetRequiredService<ILoggerFactory>().CreateLogger("ActorVoice.Speech"), ct),
                pool => pool.Dispose()));
            services.AddHostedService(sp => sp.GetRequiredService<HostedResource<IRecognizerPool>>());
        }

        services.AddAkka("actorvoice", (akka, sp) =>
        {
            akka.AddHocon(EngineAkkaConfig.WithFallback(config), HoconAddMode.Append);
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = ToAkkaLevel(logLevel);
                loggers.LogConfigOnStart = false;
                loggers.ClearLoggers();
                loggers.AddLogger<AkkaToMicrosoftLogger>();
            });
            configure?.Invoke(akka);
            configureWithServices?.Invoke(akka, sp);
        });
        services.AddSingleton<RealtimeEndpointResolver>();
        services.AddSingleton<VoiceSessions>();
    }

    private static Akka.Event.LogLevel ToAkkaLevel(LogLevel level) => level switch
    {
        <= LogLevel.Debug => Akka.Event.LogLevel.DebugLevel,
        LogLevel.Information => Akka.Event.LogLevel.InfoLevel,
        LogLevel.Warning => Akka.Event.LogLevel.WarningLevel,
        _ => Akka.Event.LogLevel.ErrorLevel,
    };
}
