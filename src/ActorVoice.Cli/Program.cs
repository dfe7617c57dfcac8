using System.CommandLine;

namespace ActorVoice.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("ActorVoice: real-time voice answers from your own documents.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        // Termination (Ctrl+C, SIGTERM) cancels the command's token; a command may take this long to end gracefully
        // (serve drains its clients for actorvoice.serve.drain-timeout) before the process is ended.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
    }
}
