namespace ActorVoice.Retrieval.Indexing;

/// <summary>One indexed file: SHA-256 of its bytes and the ids of its chunks.</summary>
public sealed record DocumentEntry(string Sha256, IReadOnlyList<int> ChunkIds);
