using System.CommandLine;
using System.Globalization;
using ActorVoice.Cli.Runtime;
using ActorVoice.Config;
using ActorVoice.Hosting.Configuration;
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
        // Cluster mode (docs/cluster.md): any of these turns it on (actorvoice.cluster.enabled).
        var clusterPort = new Option<int?>("--cluster-port") { Description = "Join a cluster: Akka.Remote's port on this node (0: a free one). Sets actorvoice.cluster.enabled = on." };
        var seeds = new Option<string[]>("--seed")
        {
            Description = "A seed node's address, e.g. akka.tcp://actorvoice@10.0.0.1:4053 (repeatable; actorvoice.cluster.seed-nodes).",
            AllowMultipleArgumentsPerToken = false,
        };
        var roles = new Option<string?>("--roles") { Description = "This node's roles, comma-separated: front (accepts clients), sessions (runs sessions). Default: both." };
        var hostname = new Option<string?>("--hostname") { Description = "The address other nodes reach this one at (actorvoice.cluster.hostname)." };
        var command = CliCommand.Create("serve", "Run the voice assistant for browsers and other clients (WebSocket /ws, page at /, /metrics).", [urls, docs, index, verbose, clusterPort, seeds, roles, hostname, .. config.All]);
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
                var hocon = config.Load(parse, [], ClusterAssignments(parse, clusterPort, seeds, roles, hostname));
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

    /// <summary>HOCON lines for the cluster options given; any of them turns cluster mode on.</summary>
    private static List<string> ClusterAssignments(ParseResult parse, Option<int?> port, Option<string[]> seeds, Option<string?> roles, Option<string?> hostname)
    {
        var lines = new List<string>();
        if (parse.GetValue(port) is { } p)
        {
            lines.Add($"actorvoice.cluster.port = {p.ToString(CultureInfo.InvariantCulture)}");
        }

        if (parse.GetValue(seeds) is { Length: > 0 } s)
        {
            lines.Add("actorvoice.cluster.seed-nodes = [" + string.Join(", ", s.Select(ActorVoiceConfig.Quote)) + "]");
        }

        if (parse.GetValue(roles) is { } r)
        {
            lines.Add("actorvoice.cluster.roles = [" + string.Join(", ", r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ActorVoiceConfig.Quote)) + "]");
        }

        if (parse.GetValue(hostname) is { } h)
        {
            lines.Add(ActorVoiceConfig.Assign("actorvoice.cluster.hostname", h));
        }

        if (lines.Count > 0)
        {
            lines.Add("actorvoice.cluster.enabled = on");
        }

        return lines;
    }
}
