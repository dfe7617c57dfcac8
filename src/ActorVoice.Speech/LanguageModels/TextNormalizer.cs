using System.Text.RegularExpressions;

namespace ActorVoice.Speech.LanguageModels;

/// <summary>
/// Turns document text (plain or Markdown) into spoken-form sentences of lower-case words: Markdown syntax is
/// removed, headings and list items become their own sentences, numbers are spelled out, and short
/// upper-case codes ("E5", "X2") are split into letters and numbers as they would be read aloud.
/// </summary>
public static partial class TextNormalizer
{
    /// <param name="text">Document text.</param>
    /// <param name="isKnownWord">
    /// Dictionary lookup used for hyphenated words: "Wi-Fi" becomes "wifi" when the dictionary has it, stays
    /// "full-time" when that is an entry, and is split into its parts otherwise.
    /// </param>
    public static IEnumerable<IReadOnlyList<string>> Sentences(string text, Func<string, bool>? isKnownWord = null)
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
                var words = Words(sentence, isKnownWord);
                if (words.Count > 0)
                {
                    yield return words;
                }
            }
        }
    }

    /// <summary>Spoken-form lower-case words of one sentence.</summary>
    public static IReadOnlyList<string> Words(string sentence, Func<string, bool>? isKnownWord = null)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var words = new List<string>();
        foreach (Match token in Token().Matches(sentence))
        {
            AddToken(token.Value, words, isKnownWord ?? (_ => false));
        }

        return words;
    }

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
