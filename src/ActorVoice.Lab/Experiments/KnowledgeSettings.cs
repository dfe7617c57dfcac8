namespace ActorVoice.Lab.Experiments;

/// <summary><c>experiment.knowledge</c>: what answers retrieval jobs and how long each job takes.</summary>
public sealed record KnowledgeSettings(KnowledgeSourceKind Source, string Url, LatencyRange Latency);
