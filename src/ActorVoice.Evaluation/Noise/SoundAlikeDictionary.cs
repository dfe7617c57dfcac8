using System.Collections.Concurrent;
using System.Text;
using ActorVoice.Text.Pronunciation;

namespace ActorVoice.Evaluation.Noise;

/// <summary>
/// The CMU pronouncing dictionary (read through <see cref="CmuDictionary"/>) as a lookup of words that sound alike: same phones (homophones) or one phone substituted, inserted or
/// deleted. Neighbours are found through a deletion index (every pronunciation with one phone removed),
/// so a lookup touches only the few pronunciations that share a deletion variant.
/// </summary>
public sealed class SoundAlikeDictionary
{
    private readonly Dictionary<string, List<string>> pronunciationsByWord;
    private readonly Dictionary<string, List<string>> wordsByPronunciation;
    private readonly Dictionary<string, List<string>> pronunciationsByDeletion;
    private readonly ConcurrentDictionary<string, SoundAlikes> neighbourCache = new(StringComparer.Ordinal);

    private SoundAlikeDictionary(
        Dictionary<string, List<string>> pronunciationsByWord,
        Dictionary<string, List<string>> wordsByPronunciation,
        Dictionary<string, List<string>> pronunciationsByDeletion)
    {
        this.pronunciationsByWord = pronunciationsByWord;
        this.wordsByPronunciation = wordsByPronunciation;
        this.pronunciationsByDeletion = pronunciationsByDeletion;
    }

    public int WordCount => pronunciationsByWord.Count;

    public static SoundAlikeDictionary Load(string path = CmuDictionary.PocketsphinxDefaultPath)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Pronunciation dictionary not found: {path} (Debian package pocketsphinx-en-us installs it).", path);
        }

        var phoneCodes = new Dictionary<string, char>(StringComparer.Ordinal);
        var byWord = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var byPronunciation = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (spelling, phones) in CmuDictionary.ReadEntries(path))
        {
            var word = CmuDictionary.BaseWord(spelling).ToLowerInvariant();
            var parts = CmuDictionary.Phones(phones);
            var encoded = new StringBuilder(parts.Length);
            foreach (var part in parts)
            {
                // Stress digits (if any) do not change what a recogniser confuses.
                var phone = part.TrimEnd('0', '1', '2');
                if (!phoneCodes.TryGetValue(phone, out var code))
                {
                    code = (char)('A' + phoneCodes.Count);
                    phoneCodes[phone] = code;
                }

                encoded.Append(code);
            }

            var pronunciation = encoded.ToString();
            AddTo(byWord, word, pronunciation);
            if (IsPlainWord(word))
            {
                AddTo(byPronunciation, pronunciation, word);
            }
        }

        var byDeletion = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pronunciation in byPronunciation.Keys)
        {
            if (pronunciation.Length < 2)
            {
                continue;
            }

            for (var i = 0; i < pronunciation.Length; i++)
            {
                AddTo(byDeletion, pronunciation.Remove(i, 1), pronunciation);
            }
        }

        return new SoundAlikeDictionary(byWord, byPronunciation, byDeletion);
    }

    public bool Contains(string word)
    {
        return pronunciationsByWord.ContainsKey(word.ToLowerInvariant());
    }

    /// <summary>
    /// Plain words (letters and an inner apostrophe) that sound like <paramref name="word"/>: homophones and
    /// words with the same number of phones at phone edit distance 1 (<see cref="SoundAlikes.SameLength"/>),
    /// and words one phone longer or shorter (<see cref="SoundAlikes.OtherLength"/>). Sorted, so choices are deterministic.
    /// </summary>
    public SoundAlikes Neighbours(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var key = word.ToLowerInvariant();
        return neighbourCache.GetOrAdd(key, FindNeighbours);
    }

    private SoundAlikes FindNeighbours(string word)
    {
        if (!pronunciationsByWord.TryGetValue(word, out var pronunciations))
        {
            return SoundAlikes.None;
        }

        var same = new SortedSet<string>(StringComparer.Ordinal);
        var other = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pronunciation in pronunciations)
        {
            AddWords(same, pronunciation);
            if (pronunciationsByDeletion.TryGetValue(pronunciation, out var longer))
            {
                foreach (var candidate in longer)
                {
                    AddWords(other, candidate);
                }
            }

            for (var i = 0; i < pronunciation.Length && pronunciation.Length > 1; i++)
            {
                var deleted = pronunciation.Remove(i, 1);
                AddWords(other, deleted);
                if (!pronunciationsByDeletion.TryGetValue(deleted, out var sharing))
                {
                    continue;
                }

                foreach (var candidate in sharing)
                {
                    if (candidate.Length == pronunciation.Length && candidate != pronunciation && DiffersInOnePosition(candidate, pronunciation))
                    {
                        AddWords(same, candidate);
                    }
                }
            }
        }

        same.Remove(word);
        other.Remove(word);
        other.ExceptWith(same);
        return new SoundAlikes([.. same], [.. other]);
    }

    private void AddWords(SortedSet<string> target, string pronunciation)
    {
        if (wordsByPronunciation.TryGetValue(pronunciation, out var words))
        {
            target.UnionWith(words);
        }
    }

    private static bool DiffersInOnePosition(string a, string b)
    {
        var differences = 0;
        for (var i = 0; i < a.Length && differences < 2; i++)
        {
            if (a[i] != b[i])
            {
                differences++;
            }
        }

        return differences == 1;
    }

    private static bool IsPlainWord(string word)
    {
        if (word.Length == 0 || !char.IsAsciiLetterLower(word[0]) || !char.IsAsciiLetterLower(word[^1]))
        {
            return false;
        }

        var apostrophes = 0;
        foreach (var character in word)
        {
            if (character == '\'')
            {
                apostrophes++;
            }
            else if (!char.IsAsciiLetterLower(character))
            {
                return false;
            }
        }

        return apostrophes <= 1;
    }

    private static void AddTo(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
