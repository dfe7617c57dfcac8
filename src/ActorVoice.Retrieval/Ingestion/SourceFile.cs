namespace ActorVoice.Retrieval.Ingestion;

/// <summary>A file found in the documents folder; <see cref="RelativePath"/> uses forward slashes.</summary>
public sealed record SourceFile(string RelativePath, string FullPath, DocumentFormat Format);
