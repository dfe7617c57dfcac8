namespace ActorVoice.Text.Pronunciation;

/// <summary>
/// The one reader of CMU-format pronunciation dictionaries (<c>word PH ON ES</c>, variants as <c>word(2)</c>):
/// the recognizer's extra words, the domain language model builder, the phonetic search field and the
/// evaluation's sound-alike lookup all read through it.
/// </summary>
public static class CmuDictionary
{
    /// <summary>Where Debian's pocketsphinx-en-us package installs the dictionary.</summary>
    public const string PocketsphinxDefaultPath = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    /// <summary>Entries in file order, variants included; blank lines, <c>;;;</c> and <c>#</c> comments and lines without phones are skipped.</summary>
    public static IEnumerable<(string Word, string Phones)> ReadEntries(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith(";;;", StringComparison.Ordinal) || trimmed[0] == '#')
            {
                continue;
            }

            var space = trimmed.IndexOfAny([' ', '\t']);
            if (space <= 0)
            {
                continue;
            }

            var phones = trimmed[(space + 1)..].Trim();
            if (phones.Length > 0)
            {
                yield return (trimmed[..space], phones);
            }
        }
    }

    /// <summary>The phones of an entry, stress digits kept.</summary>
    public static string[] Phones(string phones) => phones.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

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
