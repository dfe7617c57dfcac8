using System.Text;
using System.Text.RegularExpressions;

namespace ActorVoice.Text.Normalization;

/// <summary>
/// The one home of text normalisation, in the three forms its users need:
/// <list type="bullet">
/// <item><see cref="SpokenSentences"/> / <see cref="SpokenWords"/>: document text (plain or Markdown) as spoken-form
/// sentences of lower-case words, for language models: Markdown syntax removed, headings and list items their own
/// sentences, numbers spelled out, short upper-case codes ("E5", "X2") split into letters and numbers as read aloud.</item>
/// <item><see cref="TranscriptWords"/>: text the way a speech recogniser prints it (lower-case words, no punctuation),
/// for word error rates and simulated recognition errors.</item>
/// <item><see cref="Key"/>: a comparison key (lower case, punctuation and symbols dropped, whitespace collapsed),
/// for caches and word-level comparisons of partial transcripts.</item>
/// </list>
/// </summary>
public static partial class TextNormalizer
{
    /// <param name="text">Document text.</param>
    /// <param name="isKnownWord">
    /// Dictionary lookup used for hyphenated words: "Wi-Fi" becomes "wifi" when the dictionary has it, stays
    /// "full-time" when that is an entry, and is split into its parts otherwise.
    /// </param>
    public static IEnumerable<IReadOnlyList<string>> SpokenSentences(string text, Func<string, bool>? isKnownWord = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var inCodeBlock = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCodeBlock = !inCodeBlock;
                continue;
            }

            if (inCodeBlock || line.Length == 0)
            {
                continue;
            }

            line = MarkdownLink().Replace(line, "$1");
            line = LineMarker().Replace(line, "");
            line = line.Replace('|', '.').Replace('>', ' ');
            foreach (var sentence in SentenceBoundary().Split(line))
            {
                var words = SpokenWords(sentence, isKnownWord);
                if (words.Count > 0)
                {
                    yield return words;
                }
            }
        }
    }

    /// <summary>Spoken-form lower-case words of one sentence.</summary>
    public static IReadOnlyList<string> SpokenWords(string sentence, Func<string, bool>? isKnownWord = null)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var words = new List<string>();
        foreach (Match token in Token().Matches(sentence))
        {
            AddToken(token.Value, words, isKnownWord ?? (_ => false));
        }

        return words;
    }

    /// <summary>
    /// Lower-case words as a recogniser prints them: punctuation splits words and is dropped, except an apostrophe
    /// inside a word ("don't") and a '.' or ',' between digits ("3.5" → "35", "1,000" → "1000").
    /// </summary>
    public static IReadOnlyList<string> TranscriptWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (char.IsLetterOrDigit(character))
            {
                current.Append(char.ToLowerInvariant(character));
            }
            else if (character is '\'' or '’' && current.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                current.Append('\'');
            }
            else if (current.Length > 0 && !IsDigitSeparator(text, i))
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary><see cref="TranscriptWords"/> joined by single spaces.</summary>
    public static string Transcript(string text) => string.Join(' ', TranscriptWords(text));

    /// <summary>Lower case, punctuation and symbols dropped (not split on: "don't" → "dont"), runs of whitespace collapsed to one space.</summary>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var character in text)
        {
            if (char.IsWhiteSpace(character))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (char.IsPunctuation(character) || char.IsSymbol(character))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(character));
        }

        return builder.ToString();
    }

    /// <summary>The words of <see cref="Key"/>.</summary>
    public static IReadOnlyList<string> KeyWords(string text) => Key(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static bool IsDigitSeparator(string text, int i) =>
        text[i] is '.' or ',' && i > 0 && i + 1 < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]);

    private static void AddToken(string token, List<string> words, Func<string, bool> isKnownWord)
    {
        token = token.Trim('\'', '’').Replace('’', '\'');
        if (token.Length == 0)
        {
            return;
        }

        if (token.Contains('-', StringComparison.Ordinal))
        {
            var lower = token.ToLowerInvariant();
            var joined = lower.Replace("-", "", StringComparison.Ordinal);
            if (isKnownWord(joined) && joined.All(char.IsLetter))
            {
                words.Add(joined);
            }
            else if (isKnownWord(lower))
            {
                words.Add(lower);
            }
            else
            {
                foreach (var part in token.Split('-', StringSplitOptions.RemoveEmptyEntries))
                {
                    AddToken(part, words, isKnownWord);
                }
            }

            return;
        }

        if (token.Contains('%', StringComparison.Ordinal))
        {
            AddToken(token.Replace("%", "", StringComparison.Ordinal), words, isKnownWord);
            words.Add("percent");
            return;
        }

        var number = NumberWords.Spell(token);
        if (number is not null)
        {
            words.AddRange(number.Split(' '));
            return;
        }

        // Mixed codes like "AX2" or "10:30": read as letter and number groups.
        var groups = CodeGroup().Matches(token).Select(m => m.Value).ToList();
        if (groups.Count > 1 || (groups.Count == 1 && groups[0].Any(char.IsAsciiDigit)))
        {
            foreach (var group in groups)
            {
                AddToken(group, words, isKnownWord);
            }

            return;
        }

        words.Add(token.ToLowerInvariant());
    }

    // Words with inner apostrophes or hyphens, digit groups with , or . inside, and % signs.
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*%?")]
    private static partial Regex Token();

    [GeneratedRegex(@"\p{L}+(?:'\p{L}+)*|[0-9]+(?:[.,][0-9]+)*")]
    private static partial Regex CodeGroup();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    // Heading hashes, list bullets and numbered-list markers at the start of a line.
    [GeneratedRegex(@"^(?:#{1,6}\s*|[-*+]\s+|\d+[.)]\s+)")]
    private static partial Regex LineMarker();

    [GeneratedRegex(@"(?<=[.!?;:])\s+|[.!?;:]$|\s+[-–—]\s+|\(|\)")]
    private static partial Regex SentenceBoundary();
}
