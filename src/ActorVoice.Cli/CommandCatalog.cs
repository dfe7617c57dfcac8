using System.CommandLine;

namespace ActorVoice.Cli;

/// <summary>Every top-level verb of the <c>actorvoice</c> CLI, one line each.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return Conversation.DemoCommand.Create();
        yield return Conversation.AskCommand.Create();
        yield return Server.RealtimeCommand.Create();
        yield return Server.KnowledgeServerCommand.Create();
        yield return Bench.BenchCommand.Create();
        yield return Retrieval.IndexCommand.Create();
        yield return Retrieval.SearchCommand.Create();
        yield return Chaos.ChaosCommand.Create();
        yield return Serve.ServeCommand.Create();
        yield return Talk.TalkCommand.Create();
    }
}
