namespace ActorVoice.Engine.Speculation.Judging;

/// <summary>
/// What a text asks about, as an <see cref="IReuseJudge"/> sees it: its content (non-stop) words, the distinct
/// documents the built-in index retrieves for it (best first; empty without an index) and, when the judge checks
/// similarity, its normalised sentence embedding.
/// </summary>
public sealed record QuestionMeaning(string Text, IReadOnlyList<string> ContentWords, IReadOnlyList<string> Documents, float[]? Embedding)
{
    /// <summary>
    /// The passages (chunks) the built-in index ranks first for the text, best first; empty when the judge does not know
    /// them. A reused result is focused on these, so the answer is spoken from the passage the question needs.
    /// </summary>
    public IReadOnlyList<PassageRef> Passages { get; init; } = [];

    /// <summary>A meaning from content words alone (no index, no embedding).</summary>
    public static QuestionMeaning OfWords(string text)
    {
        var words = SpeculationText.Words(text);
        return new QuestionMeaning(SpeculationText.Key(words), [.. words.Where(w => !SpeculationText.IsStopWord(w))], [], null);
    }

    /// <summary>True when both have the same content words, as a set.</summary>
    public bool SameContentWords(QuestionMeaning other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ContentWords.ToHashSet(StringComparer.Ordinal).SetEquals(other.ContentWords);
    }
}
