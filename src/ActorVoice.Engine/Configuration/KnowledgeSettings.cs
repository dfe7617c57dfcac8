namespace ActorVoice.Engine.Configuration;

/// <summary>Where answers come from (<c>actorvoice.engine.knowledge</c>).</summary>
public sealed record KnowledgeSettings
{
    public required KnowledgeSourceKind Source { get; init; }

    public required HttpKnowledgeSettings Http { get; init; }

    /// <summary>
    /// Delay added before every query of the source (a <c>DelayedKnowledgeSource</c>), to simulate a slow backend with
    /// the built-in index; 0 adds nothing.
    /// </summary>
    public required TimeSpan AddedLatency { get; init; }
}
