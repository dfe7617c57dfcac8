namespace ActorVoice.Retrieval.Dense;

/// <summary>Which search structure a vector index file holds.</summary>
public enum VectorIndexKind
{
    Exact = 0,
    Hnsw = 1,
}
