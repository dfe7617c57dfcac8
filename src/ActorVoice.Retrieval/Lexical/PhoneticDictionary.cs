using System.Collections.Concurrent;
using System.Text;

namespace ActorVoice.Retrieval.Lexical;

/// <summary>
/// Maps English words to coarse sound codes built from the CMU pronouncing dictionary, so that words a speech
/// recogniser confuses ("carry" / "Carrie", "leave" / "leaf") share a code. Reduction: stress marks dropped,
/// voiced/unvoiced pairs merged (b/p, d/t, g/k, v/f, z/s, dh/th), n/ng merged, h dropped, every run of vowels
/// collapsed to one 'a', repeated consonants collapsed.
/// </summary>
public sealed class PhoneticDictionary
{
    /// <summary>Where Debian's pocketsphinx-en-us package installs the dictionary.</summary>
    public const string PocketsphinxDefaultPath = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    private static readonly ConcurrentDictionary<string, Lazy<PhoneticDictionary>> Cache = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string[]> _codes;

    private PhoneticDictionary(Dictionary<string, string[]> codes, string source)
    {
        _codes = codes;
        Source = source;
    }

    /// <summary>A dictionary that knows no word: every word falls back to character n-grams.</summary>
    public static PhoneticDictionary Empty { get; } = new(new Dictionary<string, string[]>(StringComparer.Ordinal), "none");

    /// <summary>Path the words came from, or "none".</summary>
    public string Source { get; }

    public int WordCount => _codes.Count;

    /// <summary>Loads (once per path, cached) a CMU-format dictionary; a missing file gives <see cref="Empty"/>.</summary>
    public static PhoneticDictionary LoadOrEmpty(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            return Empty;
        }

        return Cache.GetOrAdd(Path.GetFullPath(path), p => new Lazy<PhoneticDictionary>(() => Load(p))).Value;
    }

    /// <summary>Parses lines such as <c>read(2) R IY1 D</c>; comments (;;; or #) and malformed lines are ignored.</summary>
    public static PhoneticDictionary Load(string path)
    {
        var codes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith(";;;", StringComparison.Ordinal) || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            var word = parts[0];
            var variant = word.IndexOf('(', StringComparison.Ordinal);
            if (variant > 0)
            {
                word = word[..variant];
            }

            word = word.ToLowerInvariant();
            var code = Reduce(parts.AsSpan(1));
            if (code.Length == 0)
            {
                continue;
            }

            if (!codes.TryGetValue(word, out var list))
            {
                codes[word] = list = [];
            }

            if (!list.Contains(code))
            {
                list.Add(code);
            }
        }

        var frozen = new Dictionary<string, string[]>(codes.Count, StringComparer.Ordinal);
        foreach (var (word, list) in codes)
        {
            frozen[word] = [.. list];
        }

        return new PhoneticDictionary(frozen, path);
    }

    /// <summary>The sound codes of a lower-case word (several when the dictionary lists variants), or empty when unknown.</summary>
    public IReadOnlyList<string> CodesOf(string word) => _codes.TryGetValue(word, out var codes) ? codes : [];

    /// <summary>Reduces ARPAbet phones (with or without stress digits) to the coarse code.</summary>
    public static string Reduce(ReadOnlySpan<string> phones)
    {
        var code = new StringBuilder(phones.Length);
        foreach (var phone in phones)
        {
            var symbol = ReducePhone(phone.TrimEnd('0', '1', '2'));
            foreach (var c in symbol)
            {
                if (code.Length == 0 || code[^1] != c)
                {
                    code.Append(c);
                }
            }
        }

        return code.ToString();
    }

    private static string ReducePhone(string phone) => phone switch
    {
        "AA" or "AE" or "AH" or "AO" or "AW" or "AY" or "EH" or "EY" or "IH" or "IY" or "OW" or "OY" or "UH" or "UW" => "a",
        "ER" => "ar",
        "B" or "P" => "p",
        "D" or "T" or "DH" or "TH" => "t",
        "G" or "K" => "k",
        "V" or "F" => "f",
        "Z" or "S" => "s",
        "SH" or "ZH" => "x",
        "CH" or "JH" => "c",
        "M" => "m",
        "N" or "NG" => "n",
        "L" => "l",
        "R" => "r",
        "W" => "w",
        "Y" => "y",
        "HH" => string.Empty,
        _ => string.Empty,
    };
}
