namespace ActorVoice.Retrieval.Search;

/// <summary>One retrieved chunk and its score (higher is better).</summary>
public sealed record SearchHit(DocumentChunk Chunk, double Score);
