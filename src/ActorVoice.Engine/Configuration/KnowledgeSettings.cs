namespace ActorVoice.Engine.Configuration;

/// <summary>Where answers come from (<c>actorvoice.engine.knowledge</c>).</summary>
public sealed record KnowledgeSettings
{
    public required KnowledgeSourceKind Source { get; init; }

    public required HttpKnowledgeSettings Http { get; init; }
}
