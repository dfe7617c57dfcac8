namespace ActorVoice.Retrieval.Ingestion;

/// <summary>The decoded text of a source file and the SHA-256 of its bytes (hex), used to detect changes.</summary>
public sealed record LoadedDocument(SourceFile File, string Text, string Sha256);
