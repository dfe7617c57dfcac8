using System.Collections.Concurrent;
using System.Text;
using ActorVoice.Text.Pronunciation;

namespace ActorVoice.Retrieval.Lexical;

/// <summary>
/// Maps English words to coarse sound codes built from the CMU pronouncing dictionary, so that words a speech
/// recogniser confuses ("carry" / "Carrie", "leave" / "leaf") share a code. Reduction: stress marks dropped,
/// voiced/unvoiced pairs merged (b/p, d/t, g/k, v/f, z/s, dh/th), n/ng merged, h dropped, every run of vowels
/// collapsed to one 'a', repeated consonants collapsed.
/// </summary>
public sealed class PhoneticDictionary
{
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

    /// <summary>Reads a CMU-format dictionary (<see cref="CmuDictionary"/>) and reduces every pronunciation to its code.</summary>
    public static PhoneticDictionary Load(string path)
    {
        var codes = new Dictionary<string, string[]>(140_000, StringComparer.Ordinal);
        var code = new StringBuilder(32);
        foreach (var (spelling, phones) in CmuDictionary.ReadEntries(path))
        {
            code.Clear();
            foreach (var phone in CmuDictionary.Phones(phones))
            {
                var toneless = phone.AsSpan().TrimEnd("012");
                if (!toneless.IsEmpty)
                {
                    AppendReduced(code, toneless);
                }
            }

            if (code.Length == 0)
            {
                continue;
            }

            var key = CmuDictionary.BaseWord(spelling).ToLowerInvariant();
            var reduced = code.ToString();
            if (!codes.TryGetValue(key, out var existing))
            {
                codes[key] = [reduced];
            }
            else if (!existing.Contains(reduced))
            {
                codes[key] = [.. existing, reduced];
            }
        }

        return new PhoneticDictionary(codes, path);
    }

    /// <summary>The sound codes of a lower-case word (several when the dictionary lists variants), or empty when unknown.</summary>
    public IReadOnlyList<string> CodesOf(string word) => _codes.TryGetValue(word, out var codes) ? codes : [];

    /// <summary>Reduces ARPAbet phones (with or without stress digits) to the coarse code.</summary>
    public static string Reduce(ReadOnlySpan<string> phones)
    {
        var code = new StringBuilder(phones.Length);
        foreach (var phone in phones)
        {
            AppendReduced(code, phone.AsSpan().TrimEnd("012"));
        }

        return code.ToString();
    }

    private static void AppendReduced(StringBuilder code, ReadOnlySpan<char> phone)
    {
        foreach (var c in ReducePhone(phone))
        {
            if (code.Length == 0 || code[^1] != c)
            {
                code.Append(c);
            }
        }
    }

    private static string ReducePhone(ReadOnlySpan<char> phone) => phone switch
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
