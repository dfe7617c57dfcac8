namespace ActorVoice.Lab.Runners;

/// <summary>
/// Memoises a retriever by exact text: every strategy asks about the same partials and finals, so each text is
/// searched once per experiment. Thread-safe.
/// </summary>
public sealed class CachedRetriever
{
    private readonly Func<string, IReadOnlyList<string>> _retriever;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _cache = new(StringComparer.Ordinal);

    public CachedRetriever(Func<string, IReadOnlyList<string>> retriever)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        _retriever = retriever;
    }

    public IReadOnlyList<string> Retrieve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _cache.GetOrAdd(text, _retriever);
    }
}
