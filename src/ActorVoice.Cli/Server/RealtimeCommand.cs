using System.CommandLine;
using ActorVoice.Cli.Runtime;
using ActorVoice.LocalServer.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Cli.Server;

/// <summary><c>actorvoice realtime --port N</c>: the local realtime server, standalone, until Ctrl+C.</summary>
internal static class RealtimeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one).", DefaultValueFactory = _ => 8765 };
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var docs = new Option<string?>("--docs") { Description = "Build the recognizer's language model from these documents." };
        var config = new Option<string?>("--config") { Description = "HOCON file overriding the defaults." };
        var command = new Command("realtime", "Run the offline realtime server (OpenAI Realtime API protocol) standalone.");
        command.Options.Add(port);
        command.Options.Add(host);
        command.Options.Add(docs);
        command.Options.Add(config);
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new List<string>
            {
                $"actorvoice.local-server.port = {parse.GetValue(port)}",
                $"actorvoice.local-server.host = {CliConfig.Quote(parse.GetValue(host)!)}",
            };
            if (parse.GetValue(docs) is { } d)
            {
                overrides.Add($"actorvoice.local-server.recognition.domain-docs = {CliConfig.Quote(Path.GetFullPath(d))}");
            }

            var settings = LocalServerSettings.Create(CliConfig.Load(parse.GetValue(config), overrides));
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            var speech = await SpeechServicesFactory.CreateAsync(settings, loggerFactory.CreateLogger("actorvoice"), ct);
            try
            {
                await using var server = await LocalRealtimeServer.StartAsync(
                    settings,
                    speech,
                    b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information),
                    ct);
                Console.WriteLine($"Realtime server listening on {server.RealtimeUri} (also /realtime). Ctrl+C stops it.");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    Console.WriteLine("Stopping.");
                }
            }
            finally
            {
                speech.Recognizers.Dispose();
            }

            return 0;
        });
        return command;
    }
}
