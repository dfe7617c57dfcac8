namespace ActorVoice.Retrieval.Ingestion;

/// <summary>A supported file that was left out of the index, and why.</summary>
public sealed record SkippedFile(string RelativePath, string Reason);
