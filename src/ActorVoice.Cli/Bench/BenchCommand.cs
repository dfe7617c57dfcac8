using System.CommandLine;

namespace ActorVoice.Cli.Bench;

/// <summary><c>actorvoice bench ...</c>: benchmarks that print figures.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Run a benchmark and print its figures.");
        bench.Subcommands.Add(BenchAsrCommand.Create());
        bench.Subcommands.Add(BenchRetrievalCommand.Create());
        bench.Subcommands.Add(BenchLatencyCommand.Create());
        bench.Subcommands.Add(BenchSoakCommand.Create());
        bench.Subcommands.Add(BenchLoadCommand.Create());
        bench.Subcommands.Add(BenchVadCommand.Create());
        return bench;
    }
}
