namespace ActorVoice.Protocol.Tests.Compat;

/// <summary>A fact that is skipped, with a clear message, only when node is not installed.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (ExternalTool.Find("node") is null || ExternalTool.Find("npm") is null)
        {
            Skip = "node/npm are not installed: the openai npm compatibility test needs node 20+ and npm on PATH.";
        }
    }
}
