using System.CommandLine;
using ActorVoice.Cli.Runtime;
using ActorVoice.Config;
using ActorVoice.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Cli.Serve;

/// <summary>
/// <c>actorvoice serve [--urls URLS] [--docs DIR | --index DIR] [--config FILE] [--set k=v]</c>: the assistant host
/// (docs/serve.md). People talk to it from the page at <c>/</c> or any client of the /ws protocol
/// (docs/client-protocol.md); it runs until SIGTERM or Ctrl+C, then drains.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new ConfigOptions();
        var urls = new Option<string?>("--urls") { Description = "Where to listen, semicolon-separated (default: actorvoice.serve.urls, http://127.0.0.1:8080)." };
        var docs = new Option<string?>("--docs") { Description = "Documents folder to index (cached; only changed files are re-indexed)." };
        var index = new Option<string?>("--index") { Description = "A folder built by 'actorvoice index'." };
        var verbose = new Option<bool>("--verbose") { Description = "Log the engine's turn transitions too." };
        var command = CliCommand.Create("serve", "Run the voice assistant for browsers and other clients (WebSocket /ws, page at /, /metrics).", [urls, docs, index, verbose, .. config.All]);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(docs) is null) == (result.GetValue(index) is null))
            {
                result.AddError("Give exactly one of --docs DIR or --index DIR.");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var docsDir = parse.GetValue(docs) is { } d ? Path.GetFullPath(d) : null;
            if (docsDir is not null && !Directory.Exists(docsDir))
            {
                await Console.Error.WriteLineAsync($"error: Documents folder not found: {docsDir}");
                return 2;
            }

            var indexFolder = parse.GetValue(index) is { } i ? Path.GetFullPath(i) : Conversation.AskCommand.CachedIndexFolder(docsDir!);
            WebApplication app;
            try
            {
                var hocon = config.Load(parse, [], []);
                app = ServeHost.Build(new ServeOptions(hocon, docsDir, indexFolder, parse.GetValue(urls))
                {
                    MinimumLogLevel = parse.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information,
                });
            }
            catch (Exception ex) when (ex is InvalidSettingException or FileNotFoundException or Akka.Configuration.ConfigurationException)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }

            await using (app)
            {
                try
                {
                    await app.StartAsync(ct);
                    foreach (var uri in ServeHost.BoundUris(app))
                    {
                        await Console.Error.WriteLineAsync($"Serving on {uri} (page at /, WebSocket at /ws, metrics at /metrics)");
                    }

                    // SIGTERM or Ctrl+C: the host lifetime stops the app, which drains first (actorvoice.serve.drain-timeout).
                    await app.WaitForShutdownAsync(ct);
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException)
                {
                    await Console.Error.WriteLineAsync("error: " + ex.Message);
                    return 1;
                }
            }

            return 0;
        });
        return command;
    }
}
