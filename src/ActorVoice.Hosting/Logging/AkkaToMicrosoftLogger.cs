using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Event;
using Microsoft.Extensions.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorVoice.Hosting.Logging;

/// <summary>
/// Akka.NET logger that hands each event to the host's <see cref="ILoggerFactory"/>, one category per log source
/// (the actor path), with the message as Akka formats it (named placeholders filled in). Akka.Hosting's own bridge
/// repeats the timestamp, level and thread inside every message; this keeps one short line per event.
/// </summary>
public sealed class AkkaToMicrosoftLogger : ReceiveActor, Akka.Dispatch.IRequiresMessageQueue<Akka.Event.ILoggerMessageQueueSemantics>
{
    private readonly Dictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public AkkaToMicrosoftLogger()
    {
        var factory = DependencyResolver.For(Context.System).Resolver.GetService<ILoggerFactory>();
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Write(factory, e));
    }

    private void Write(ILoggerFactory factory, LogEvent e)
    {
        if (!_loggers.TryGetValue(e.LogSource, out var logger))
        {
            logger = factory.CreateLogger(e.LogSource);
            _loggers[e.LogSource] = logger;
        }

        var level = e.LogLevel() switch
        {
            Akka.Event.LogLevel.DebugLevel => MsLogLevel.Debug,
            Akka.Event.LogLevel.InfoLevel => MsLogLevel.Information,
            Akka.Event.LogLevel.WarningLevel => MsLogLevel.Warning,
            _ => MsLogLevel.Error,
        };
        logger.Log(level, default, e.Message?.ToString() ?? string.Empty, e.Cause, static (message, _) => message);
    }
}
