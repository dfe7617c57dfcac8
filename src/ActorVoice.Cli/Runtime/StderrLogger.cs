using Akka.Actor;
using Akka.Event;

namespace ActorVoice.Cli.Runtime;

/// <summary>Akka.NET logger that writes to standard error, keeping standard output for results (<c>--json</c>).</summary>
public sealed class StderrLogger : ReceiveActor
{
    public StderrLogger()
    {
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e => Console.Error.WriteLine($"[{e.Timestamp:HH:mm:ss.fff} {e.LogLevel().ToString().Replace("Level", string.Empty, StringComparison.Ordinal)} {e.LogSource}] {e.Message}"));
    }
}
