namespace ActorVoice.Retrieval.Search;

/// <summary>
/// A searchable, opened index over chunked documents. Thread-safe for concurrent searches,
/// because speculative retrieval runs several queries at once.
/// </summary>
public interface IKnowledgeIndex : IDisposable
{
    /// <summary>Number of chunks in the index.</summary>
    int ChunkCount { get; }

    /// <summary>Best chunks first; an empty or stop-word-only query yields an empty list.</summary>
    IReadOnlyList<SearchHit> Search(string query, int topK, CancellationToken cancellationToken = default);
}
