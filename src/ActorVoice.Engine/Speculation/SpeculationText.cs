using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Lexical;
using ActorVoice.Text.Normalization;

namespace ActorVoice.Engine.Speculation;

/// <summary>
/// The word-level comparisons speculation relies on. Text is compared normalised (lower case, punctuation dropped,
/// whitespace collapsed), word by word; stop words are the retrieval's own list, so "a prefix plus stop words only"
/// means "a question the index would search the same way".
/// </summary>
public static class SpeculationText
{
    /// <summary>The normalised words of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Words(string text) => TextNormalizer.KeyWords(text);

    /// <summary>
    /// The words of a partial transcript that will not change any more: all of them when <paramref name="lastWordStable"/>,
    /// else those up to the last complete word (the last word counts as complete only when whitespace or punctuation follows it).
    /// </summary>
    public static IReadOnlyList<string> StablePrefixWords(string partial, bool lastWordStable) =>
        Words(lastWordStable ? partial : CachingEmbedder.CompleteWordPrefix(partial));

    public static bool IsStopWord(string word) => EnglishStopWords.Set.Contains(word);

    public static int ContentWordCount(IReadOnlyList<string> words) => words.Count(w => !IsStopWord(w));

    /// <summary>True when <paramref name="prefix"/> is the first words of <paramref name="words"/> (or all of them).</summary>
    public static bool IsPrefix(IReadOnlyList<string> prefix, IReadOnlyList<string> words) =>
        prefix.Count <= words.Count && prefix.Select((w, i) => string.Equals(w, words[i], StringComparison.Ordinal)).All(same => same);

    /// <summary>True when <paramref name="words"/> is <paramref name="prefix"/> followed by nothing or by stop words only.</summary>
    public static bool IsStopwordExtension(IReadOnlyList<string> prefix, IReadOnlyList<string> words) =>
        IsPrefix(prefix, words) && words.Skip(prefix.Count).All(IsStopWord);

    public static string Key(IReadOnlyList<string> words) => string.Join(' ', words);
}
