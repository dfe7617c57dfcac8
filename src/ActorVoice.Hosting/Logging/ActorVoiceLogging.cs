using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ActorVoice.Hosting.Logging;

/// <summary>One line per message on standard error (standard output stays for results such as <c>--json</c>).</summary>
public static class ActorVoiceLogging
{
    public static IHostBuilder UseActorVoiceLogging(this IHostBuilder host, LogLevel minimum)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.SetMinimumLevel(minimum);

            // The host's own start and stop chatter, and ASP.NET Core's per-request lines, are not the user's business;
            // a failed start surfaces as the exception the caller reports.
            logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
            logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        });
    }
}
