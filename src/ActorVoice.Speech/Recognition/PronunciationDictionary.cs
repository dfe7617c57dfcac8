namespace ActorVoice.Speech.Recognition;

/// <summary>Reads and writes CMU-format pronunciation dictionaries (<c>word PH ON ES</c>, variants as <c>word(2)</c>).</summary>
public static class PronunciationDictionary
{
    /// <summary>Entries in file order, variants included; blank lines and <c>;;;</c> comments are skipped.</summary>
    public static IEnumerable<(string Word, string Phones)> ReadEntries(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith(";;;", StringComparison.Ordinal))
            {
                continue;
            }

            var space = trimmed.IndexOfAny([' ', '\t']);
            if (space <= 0)
            {
                continue;
            }

            yield return (trimmed[..space], trimmed[(space + 1)..].Trim());
        }
    }

    /// <summary>Base words (variant suffix "(n)" removed), compared ordinally.</summary>
    public static HashSet<string> ReadWords(string path)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (word, _) in ReadEntries(path))
        {
            words.Add(BaseWord(word));
        }

        return words;
    }

    /// <summary>Strips a "(2)" variant suffix.</summary>
    public static string BaseWord(string word)
    {
        var paren = word.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 && word.EndsWith(')') ? word[..paren] : word;
    }
}
