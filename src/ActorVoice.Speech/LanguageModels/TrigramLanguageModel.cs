using System.Globalization;

namespace ActorVoice.Speech.LanguageModels;

/// <summary>
/// Interpolated Kneser–Ney trigram model written in ARPA backoff form. Highest-order counts are the (weighted)
/// raw counts; lower orders use continuation counts (how many distinct words precede the n-gram), except for
/// n-grams starting with &lt;s&gt;, which nothing can precede. Each seen n-gram's probability is
/// (c - d) / C(h) + γ(h) · P_lower, and γ(h) is the n-gram history's backoff weight, so every conditional
/// distribution sums to one. Unigrams are interpolated with the uniform distribution over the vocabulary.
/// </summary>
public sealed class TrigramLanguageModel
{
    public const string SentenceStart = "<s>";
    public const string SentenceEnd = "</s>";

    private const double DefaultDiscount = 0.75;

    private readonly Dictionary<string, double> _unigramProbability = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _unigramBackoff = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), double> _bigramProbability = [];
    private readonly Dictionary<(string, string), double> _bigramBackoff = [];
    private readonly Dictionary<(string, string, string), double> _trigramProbability = [];

    private TrigramLanguageModel()
    {
    }

    /// <summary>Words that can be predicted (the vocabulary plus &lt;/s&gt;).</summary>
    public IReadOnlyCollection<string> Vocabulary => _unigramProbability.Keys;

    public int BigramCount => _bigramProbability.Count;

    public int TrigramCount => _trigramProbability.Count;

    public static TrigramLanguageModel Train(IEnumerable<WeightedSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var trigrams = new Dictionary<(string, string, string), double>();
        var rawBigrams = new Dictionary<(string, string), double>();
        foreach (var sentence in sentences)
        {
            if (sentence.Words.Count == 0 || sentence.Weight <= 0)
            {
                continue;
            }

            var tokens = new List<string>(sentence.Words.Count + 2) { SentenceStart };
            tokens.AddRange(sentence.Words);
            tokens.Add(SentenceEnd);
            for (var i = 1; i < tokens.Count; i++)
            {
                Add(rawBigrams, (tokens[i - 1], tokens[i]), sentence.Weight);
                if (i >= 2)
                {
                    Add(trigrams, (tokens[i - 2], tokens[i - 1], tokens[i]), sentence.Weight);
                }
            }
        }

        if (rawBigrams.Count == 0)
        {
            throw new ArgumentException("No words to train a language model on.", nameof(sentences));
        }

        // Continuation counts: distinct left neighbours.
        var bigrams = new Dictionary<(string, string), double>();
        foreach (var ((u, v, w), _) in trigrams)
        {
            Add(bigrams, (v, w), 1);
        }

        foreach (var ((v, w), count) in rawBigrams)
        {
            if (v == SentenceStart)
            {
                bigrams[(v, w)] = count;
            }
        }

        var unigrams = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var ((_, w), _) in rawBigrams)
        {
            Add(unigrams, w, 1);
        }

        var model = new TrigramLanguageModel();
        model.EstimateUnigrams(unigrams, Discount(unigrams.Values));
        model.EstimateBigrams(bigrams, Discount(bigrams.Values));
        model.EstimateTrigrams(trigrams, Discount(trigrams.Values));
        return model;
    }

    /// <summary>P(word | w1 w2) with ARPA backoff semantics; <paramref name="history"/> holds 0–2 preceding words.</summary>
    public double Probability(string word, params string[] history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Length >= 2)
        {
            var (u, v) = (history[^2], history[^1]);
            if (_trigramProbability.TryGetValue((u, v, word), out var p3))
            {
                return p3;
            }

            return _bigramBackoff.GetValueOrDefault((u, v), 1.0) * Probability(word, v);
        }

        if (history.Length == 1)
        {
            if (_bigramProbability.TryGetValue((history[0], word), out var p2))
            {
                return p2;
            }

            return _unigramBackoff.GetValueOrDefault(history[0], 1.0) * Probability(word);
        }

        return _unigramProbability.GetValueOrDefault(word, 0);
    }

    /// <summary>Writes the model in ARPA format (log10 probabilities and backoff weights).</summary>
    public void WriteArpa(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine();
        writer.WriteLine("\\data\\");
        writer.WriteLine(Invariant($"ngram 1={_unigramProbability.Count + 1}"));
        writer.WriteLine(Invariant($"ngram 2={_bigramProbability.Count}"));
        writer.WriteLine(Invariant($"ngram 3={_trigramProbability.Count}"));
        writer.WriteLine();
        writer.WriteLine("\\1-grams:");

        // <s> is never predicted: conventional -99 probability, but it carries the sentence-start backoff.
        writer.WriteLine(Invariant($"-99\t{SentenceStart}\t{Log(_unigramBackoff.GetValueOrDefault(SentenceStart, 1.0))}"));
        foreach (var (word, p) in _unigramProbability.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            writer.WriteLine(_unigramBackoff.TryGetValue(word, out var bow)
                ? Invariant($"{Log(p)}\t{word}\t{Log(bow)}")
                : Invariant($"{Log(p)}\t{word}"));
        }

        writer.WriteLine();
        writer.WriteLine("\\2-grams:");
        foreach (var ((v, w), p) in _bigramProbability.OrderBy(x => x.Key.Item1, StringComparer.Ordinal).ThenBy(x => x.Key.Item2, StringComparer.Ordinal))
        {
            writer.WriteLine(_bigramBackoff.TryGetValue((v, w), out var bow)
                ? Invariant($"{Log(p)}\t{v} {w}\t{Log(bow)}")
                : Invariant($"{Log(p)}\t{v} {w}"));
        }

        writer.WriteLine();
        writer.WriteLine("\\3-grams:");
        foreach (var ((u, v, w), p) in _trigramProbability
            .OrderBy(x => x.Key.Item1, StringComparer.Ordinal).ThenBy(x => x.Key.Item2, StringComparer.Ordinal).ThenBy(x => x.Key.Item3, StringComparer.Ordinal))
        {
            writer.WriteLine(Invariant($"{Log(p)}\t{u} {v} {w}"));
        }

        writer.WriteLine();
        writer.WriteLine("\\end\\");
    }

    private void EstimateUnigrams(Dictionary<string, double> counts, double discount)
    {
        var total = counts.Values.Sum();
        var leftOver = counts.Values.Sum(c => Math.Min(discount, c / 2)) / total;
        var uniform = 1.0 / counts.Count;
        foreach (var (word, count) in counts)
        {
            _unigramProbability[word] = ((count - Math.Min(discount, count / 2)) / total) + (leftOver * uniform);
        }
    }

    private void EstimateBigrams(Dictionary<(string, string), double> counts, double discount)
    {
        foreach (var group in counts.GroupBy(x => x.Key.Item1, StringComparer.Ordinal))
        {
            var total = group.Sum(x => x.Value);
            var gamma = group.Sum(x => Math.Min(discount, x.Value / 2)) / total;
            _unigramBackoff[group.Key] = gamma;
            foreach (var ((v, w), count) in group)
            {
                _bigramProbability[(v, w)] = ((count - Math.Min(discount, count / 2)) / total) + (gamma * _unigramProbability[w]);
            }
        }
    }

    private void EstimateTrigrams(Dictionary<(string, string, string), double> counts, double discount)
    {
        foreach (var group in counts.GroupBy(x => (x.Key.Item1, x.Key.Item2)))
        {
            var total = group.Sum(x => x.Value);
            var gamma = group.Sum(x => Math.Min(discount, x.Value / 2)) / total;
            _bigramBackoff[group.Key] = gamma;
            foreach (var ((u, v, w), count) in group)
            {
                _trigramProbability[(u, v, w)] = ((count - Math.Min(discount, count / 2)) / total) + (gamma * Probability(w, v));
            }
        }
    }

    /// <summary>Ney's estimate n1 / (n1 + 2 n2) from counts of exactly one and two, kept in a sane range.</summary>
    private static double Discount(IEnumerable<double> counts)
    {
        var n1 = 0;
        var n2 = 0;
        foreach (var c in counts)
        {
            if (Math.Abs(c - 1) < 1e-9)
            {
                n1++;
            }
            else if (Math.Abs(c - 2) < 1e-9)
            {
                n2++;
            }
        }

        return n1 == 0 || n2 == 0 ? DefaultDiscount : Math.Clamp(n1 / (double)(n1 + (2 * n2)), 0.3, 0.9);
    }

    private static void Add<TKey>(Dictionary<TKey, double> counts, TKey key, double amount)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + amount;

    private static string Log(double p) => Math.Round(Math.Log10(p), 6).ToString("0.######", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
