using System.CommandLine;
using ActorVoice.Cli.Runtime;
using ActorVoice.LocalServer.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Cli.Server;

/// <summary><c>actorvoice realtime --port N [--tls] [--key K]</c>: the local realtime server, standalone, until Ctrl+C.</summary>
internal static class RealtimeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one).", DefaultValueFactory = _ => 8765 };
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var docs = new Option<string?>("--docs") { Description = "Build the recognizer's language model from these documents." };
        var config = new Option<string?>("--config") { Description = "HOCON file overriding the defaults." };
        var tls = new Option<bool>("--tls") { Description = "Also serve wss:// (self-signed localhost certificate, generated once and cached, unless tls.certificate is configured)." };
        var tlsPort = new Option<int?>("--tls-port") { Description = "TCP port of the wss:// listener (default: --port + 1; 0 picks a free one)." };
        var key = new Option<string?>("--key") { Description = "Require this API key (Authorization: Bearer, or the openai-insecure-api-key.<key> subprotocol); others get HTTP 401." };
        var command = new Command("realtime", "Run the offline realtime server (OpenAI Realtime API protocol) standalone.");
        command.Options.Add(port);
        command.Options.Add(host);
        command.Options.Add(docs);
        command.Options.Add(config);
        command.Options.Add(tls);
        command.Options.Add(tlsPort);
        command.Options.Add(key);
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new List<string>
            {
                $"actorvoice.local-server.port = {parse.GetValue(port)}",
                $"actorvoice.local-server.host = {CliConfig.Quote(parse.GetValue(host)!)}",
            };
            if (parse.GetValue(tls))
            {
                var plainPort = parse.GetValue(port);
                var securePort = parse.GetValue(tlsPort) ?? (plainPort == 0 ? 0 : plainPort + 1);
                overrides.Add("actorvoice.local-server.tls.enabled = true");
                overrides.Add($"actorvoice.local-server.tls.port = {securePort}");
            }

            if (parse.GetValue(key) is { Length: > 0 } k)
            {
                overrides.Add($"actorvoice.local-server.api-key = {CliConfig.Quote(k)}");
            }

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
                if (server.SecureRealtimeUri is { } secure)
                {
                    Console.WriteLine($"Also on {secure}" + (server.CertificatePemPath is { } pem ? $" (self-signed; trust {pem}, e.g. NODE_EXTRA_CA_CERTS)" : string.Empty));
                }

                if (!string.IsNullOrEmpty(settings.ApiKey))
                {
                    Console.WriteLine("Clients must present the configured API key.");
                }
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
