using System.CommandLine;
using System.Net;
using ActorVoice.Cli.Runtime;
using ActorVoice.Hosting.Knowledge;

namespace ActorVoice.Cli.Server;

/// <summary>
/// <c>actorvoice knowledge-server (--docs DIR | --index DIR) [--port N] [--latency 1500ms]</c>: the built-in index as a
/// slow text RAG backend over HTTP (what <c>--knowledge http --knowledge-url URL</c> talks to), until Ctrl+C.
/// </summary>
internal static class KnowledgeServerCommand
{
    public static Command Create()
    {
        var config = new ConfigOptions();
        var docs = new Option<string?>("--docs") { Description = "Documents folder to index (the index is kept in --index, or a cache folder)." };
        var index = new Option<string?>("--index") { Description = "A folder built by 'actorvoice index' (or where --docs is indexed)." };
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one).", DefaultValueFactory = _ => 8766 };
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var latency = new Option<string>("--latency") { Description = "Delay added before each answer, e.g. 1500ms or 1.5s.", DefaultValueFactory = _ => "0ms" };
        var latencyMax = new Option<string?>("--latency-max") { Description = "With it, each answer's delay is drawn uniformly between --latency and this." };
        var command = CliCommand.Create(
            "knowledge-server", "Serve the built-in index as a (slow) HTTP knowledge backend for experiments.", [docs, index, port, host, latency, latencyMax, .. config.All]);
        command.Validators.Add(result =>
        {
            if (result.GetValue(docs) is null && result.GetValue(index) is null)
            {
                result.AddError("Give --docs DIR, --index DIR or both.");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            TimeSpan delay;
            TimeSpan? maxDelay;
            IPAddress address;
            try
            {
                delay = Durations.Parse(parse.GetValue(latency)!, "--latency");
                maxDelay = parse.GetValue(latencyMax) is { } max ? Durations.Parse(max, "--latency-max") : null;
                address = IPAddress.Parse(parse.GetValue(host)!);
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }

            var docsDir = parse.GetValue(docs) is { } d ? Path.GetFullPath(d) : null;
            var indexDir = parse.GetValue(index) ?? Conversation.AskCommand.CachedIndexFolder(docsDir!);
            await using var server = await KnowledgeServerHost.StartAsync(
                config.Load(parse, [], []), new KnowledgeOptions(indexDir, docsDir), address, parse.GetValue(port), delay, maxDelay, ct);
            var range = server.Server.MaxLatency > delay ? $"{delay.TotalMilliseconds:0}-{server.Server.MaxLatency.TotalMilliseconds:0}" : $"{delay.TotalMilliseconds:0}";
            Console.WriteLine($"Knowledge server listening on {server.Server.AskUri} (+{range} ms per answer). Ctrl+C stops it.");
            Console.WriteLine($"Use it with: actorvoice ask --knowledge http --knowledge-url {server.Server.AskUri} ...");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Stopping.");
            }

            return 0;
        });
        return command;
    }
}
