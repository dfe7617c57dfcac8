namespace ActorVoice.Lab.Runners;

/// <summary>
/// Reuse by what the texts retrieve: a speculated query answers the question when each text's top document is among
/// the other's top <c>k</c> (with <c>k</c> = 1: the same top document). The retriever is a fast local one (the
/// built-in index, or BM25 over the same corpus), so it can judge even when the knowledge source is slow.
/// </summary>
public sealed class TopDocumentsReuseJudge : IReuseJudge
{
    private readonly Func<string, IReadOnlyList<string>> _retriever;
    private readonly int _topK;

    /// <param name="retriever">Document ids for a text, best first.</param>
    /// <param name="topK">How deep each top document is looked for in the other's list.</param>
    public TopDocumentsReuseJudge(Func<string, IReadOnlyList<string>> retriever, int topK)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        _retriever = retriever;
        _topK = topK;
    }

    public bool Answers(string speculatedQuery, string question)
    {
        var speculated = _retriever(speculatedQuery);
        var asked = _retriever(question);
        if (speculated.Count == 0 || asked.Count == 0)
        {
            return false;
        }

        return asked.Take(_topK).Contains(speculated[0], StringComparer.Ordinal)
            && speculated.Take(_topK).Contains(asked[0], StringComparer.Ordinal);
    }
}
