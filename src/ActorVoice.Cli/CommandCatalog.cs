using System.CommandLine;

namespace ActorVoice.Cli;

/// <summary>Every top-level verb of the <c>actorvoice</c> CLI, one line each.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Bench.BenchCommand.Create();
    }
}
