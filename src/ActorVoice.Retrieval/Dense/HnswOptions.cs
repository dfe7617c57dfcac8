namespace ActorVoice.Retrieval.Dense;

/// <summary>
/// HNSW graph settings. <see cref="Connectivity"/> is M (edges per node); the expansions are the candidate
/// list sizes while adding and while searching (higher: better recall, slower).
/// </summary>
public sealed record HnswOptions(int Connectivity = 16, int ExpansionAdd = 128, int ExpansionSearch = 64)
{
    public static HnswOptions Default { get; } = new();
}
