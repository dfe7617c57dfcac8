using System.CommandLine;
using ActorVoice.Cli.Runtime;
using ActorVoice.Config;
using ActorVoice.Faults;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.LocalServer.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Cli.Server;

/// <summary>
/// <c>actorvoice realtime --port N [--docs DIR] [--index DIR] [--tls [--plain-port M]] [--key K] [--faults FILE]</c>: the
/// local realtime server, standalone, until Ctrl+C. With documents it answers user turns no client injected text for from
/// them, as the engine would. With a fault plan its sessions inject the plan's server faults (stalls, cut responses,
/// garbage frames) into any client.
/// </summary>
internal static class RealtimeCommand
{
    /// <summary>A standalone server needs a port clients can be told; in-process the reference default (0, a free port) stays.</summary>
    private const string StandalonePort = "actorvoice.local-server.port = 8765";

    public static Command Create()
    {
        var config = new ConfigOptions();
        var port = new Option<int?>("--port") { Description = "TCP port (default 8765; 0 picks a free one)." };
        var host = new Option<string?>("--host") { Description = "Address to bind (default: actorvoice.local-server.host, 127.0.0.1)." };
        var docs = new Option<string?>("--docs")
        {
            Description = "Answer from these documents (indexed into --index, or a cache folder) when no client injects text; they also feed the recognizer's language model.",
        };
        var index = new Option<string?>("--index") { Description = "Answer from this index (built by 'actorvoice index', or where --docs is indexed)." };
        var tls = new Option<bool>("--tls") { Description = "Serve wss:// on --port instead of ws:// (self-signed localhost certificate, generated once and cached, unless tls.certificate is configured)." };
        var plainPort = new Option<int?>("--plain-port") { Description = "With --tls, also serve plain ws:// on this port (0 picks a free one; default: none)." };
        var key = new Option<string?>("--key") { Description = "Require this API key (Authorization: Bearer, or the openai-insecure-api-key.<key> subprotocol); others get HTTP 401." };
        var faultsFile = new Option<string?>("--faults")
        {
            Description = "Inject the server faults of this fault plan (HOCON, see hocon/faults/ and docs/faults.md) into every session.",
        };
        var command = CliCommand.Create(
            "realtime", "Run the offline realtime server (OpenAI Realtime API protocol) standalone.", [port, host, docs, index, tls, plainPort, key, faultsFile, .. config.All]);
        command.SetAction(async (parse, ct) =>
        {
            FaultInjection? faults = null;
            if (parse.GetValue(faultsFile) is { } planPath)
            {
                try
                {
                    faults = new FaultInjection(FaultPlan.Load(planPath));
                }
                catch (Exception ex) when (ex is FileNotFoundException or InvalidSettingException)
                {
                    await Console.Error.WriteLineAsync("error: " + ex.Message);
                    return 2;
                }
            }

            var docsFolder = parse.GetValue(docs) is { } d ? Path.GetFullPath(d) : null;
            var indexFolder = parse.GetValue(index) is { } i ? Path.GetFullPath(i) : docsFolder is null ? null : Conversation.AskCommand.CachedIndexFolder(docsFolder);
            // The documents reach the recognizer's language model through the knowledge options (see ActorVoiceBuilder).
            var hocon = config.Load(parse, [StandalonePort], [
                .. ConfigOptions.Assignments(parse, (host, "actorvoice.local-server.host"), (key, "actorvoice.local-server.api-key")),
                .. parse.GetValue(port) is { } p ? [$"actorvoice.local-server.port = {p}"] : Array.Empty<string>(),
            ]);
            var withTls = parse.GetValue(tls);
            var plainListener = parse.GetValue(plainPort);
            using var server = new HostBuilder()
                .AddActorVoice(hocon, voice =>
                {
                    voice.MinimumLogLevel = LogLevel.Information;
                    if (faults is not null)
                    {
                        voice.WithFaults(faults);
                    }
                    if (indexFolder is not null)
                    {
                        voice.WithKnowledge(new KnowledgeOptions(indexFolder, docsFolder));
                    }

                    voice.WithLocalRealtimeServer(s => withTls
                        ? s with { Tls = s.Tls with { Enabled = true, PlainPort = plainListener ?? s.Tls.PlainPort } }
                        : s);
                })
                .Build();
            await server.StartAsync(ct);
            var local = server.Services.GetRequiredService<LocalRealtimeServer>();
            Console.WriteLine($"Realtime server listening on {local.RealtimeUri} (also /realtime). Ctrl+C stops it.");
            if (indexFolder is not null)
            {
                Console.WriteLine($"Answers user turns that no client injects text for from the index in {indexFolder}.");
            }

            if (local.SecureRealtimeUri is not null && local.CertificatePemPath is { } pem)
            {
                Console.WriteLine($"Self-signed certificate: trust {pem} (e.g. NODE_EXTRA_CA_CERTS).");
            }

            if (local.SecureRealtimeUri is not null && local.PlainRealtimeUri is { } plain)
            {
                Console.WriteLine($"Also on {plain}");
            }

            if (faults?.Server is { } serverFaults)
            {
                Console.WriteLine($"Injecting server faults (seed {faults.Plan.Seed}): stall {serverFaults.StallRate:0.###} x {serverFaults.Stall.TotalMilliseconds:0} ms, " +
                    $"cut responses {serverFaults.CutResponseRate:0.###}, garbage frames {serverFaults.GarbageFrameRate:0.###}.");
            }
            else if (faults is not null)
            {
                Console.WriteLine("The fault plan has no server faults (or is not enabled): nothing is injected.");
            }

            if (!string.IsNullOrEmpty(local.Settings.ApiKey))
            {
                Console.WriteLine("Clients must present the configured API key.");
            }

            await server.WaitForShutdownAsync(ct);
            if (faults is { Log.Total: > 0 })
            {
                Console.WriteLine($"Injected {faults.Log.Total} server faults: " +
                    string.Join(", ", faults.Log.Counts.OrderBy(c => c.Key.Kind).Select(c => $"{c.Key.Kind} {c.Value}")) + ".");
            }

            Console.WriteLine("Stopping.");
            return 0;
        });
        return command;
    }
}
