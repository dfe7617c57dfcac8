namespace ActorVoice.Engine.Configuration;

/// <summary>Where answers come from (<c>actorvoice.engine.knowledge</c>).</summary>
public sealed record KnowledgeSettings
{
    public KnowledgeSourceKind Source { get; init; } = KnowledgeSourceKind.Index;

    public HttpKnowledgeSettings Http { get; init; } = new();

    /// <summary>Parses <c>index</c> or <c>http</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">Any other value; the message lists the accepted ones.</exception>
    public static KnowledgeSourceKind ParseSource(string value) =>
        value?.Trim().ToUpperInvariant() switch
        {
            "INDEX" => KnowledgeSourceKind.Index,
            "HTTP" => KnowledgeSourceKind.Http,
            _ => throw new FormatException($"Unknown knowledge source '{value}' (actorvoice.engine.knowledge.source); use 'index' or 'http'."),
        };
}
