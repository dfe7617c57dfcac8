namespace ActorVoice.Engine.Knowledge;

/// <summary>
/// What a knowledge source returned for one question: the passages (best first), the ready answer text when the
/// backend answers by itself (a chatbot or RAG service; null for the built-in index) and the time the query took.
/// </summary>
/// <param name="Question">The question as the source saw it (for a partial transcript: up to its last complete word).</param>
/// <param name="Passages">The passages, best first.</param>
/// <param name="Answer">The backend's own answer text, or null.</param>
/// <param name="Elapsed">Time the query took inside the source.</param>
public sealed record KnowledgeResult(string Question, IReadOnlyList<KnowledgePassage> Passages, string? Answer, TimeSpan Elapsed)
{
    /// <summary>True when there is nothing to say: no passages and no answer text.</summary>
    public bool IsEmpty => Passages.Count == 0 && string.IsNullOrWhiteSpace(Answer);

    /// <summary>The distinct documents of the first <paramref name="k"/> passages.</summary>
    public IReadOnlySet<string> TopDocuments(int k) =>
        Passages.Take(k).Select(p => p.Document).ToHashSet(StringComparer.Ordinal);
}
