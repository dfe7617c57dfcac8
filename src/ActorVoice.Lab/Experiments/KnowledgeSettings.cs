namespace ActorVoice.Lab.Experiments;

/// <summary>
/// <c>experiment.knowledge</c>: what answers retrieval jobs and how long each job takes. <see cref="Url"/> is the HTTP
/// backend's URL, or <see cref="EmbeddedUrl"/>: a knowledge server over the built-in index started in process, adding
/// the latency range.
/// </summary>
public sealed record KnowledgeSettings(KnowledgeSourceKind Source, string Url, LatencyRange Latency)
{
    public const string EmbeddedUrl = "embedded";

    public bool IsEmbedded => string.Equals(Url, EmbeddedUrl, StringComparison.OrdinalIgnoreCase);
}
