using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ActorVoice.Retrieval.Lexical;

/// <summary>
/// Replaces each word with its sound code(s) from a <see cref="PhoneticDictionary"/>. Unknown words become
/// character trigrams (prefixed '~', type "ngram"); words with digits pass through prefixed '='. All tokens of
/// one word share its position, which lets the query side weigh a word's n-grams together.
/// Two adjacent known words also yield their joined code (type "pair"), because recognisers split and merge words:
/// "pass word" and "password", "war anti" and "warranty" then share a token.
/// </summary>
public sealed class PhoneticCodeFilter : TokenFilter
{
    public const string CodeType = "phone";
    public const string NGramType = "ngram";
    public const string LiteralType = "literal";
    public const string PairType = "pair";

    private readonly PhoneticDictionary _dictionary;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private readonly ITypeAttribute _type;
    private readonly Queue<(string Token, string Type)> _pending = new();
    private string? _previousCode;

    public PhoneticCodeFilter(TokenStream input, PhoneticDictionary dictionary)
        : base(input)
    {
        _dictionary = dictionary;
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pending.Count > 0)
        {
            var (token, type) = _pending.Dequeue();
            _term.SetEmpty().Append(token);
            _position.PositionIncrement = 0;
            _type.Type = type;
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        var word = _term.ToString();
        var (tokens, wordType) = Encode(word, _dictionary);
        for (var i = 1; i < tokens.Count; i++)
        {
            _pending.Enqueue((tokens[i], wordType));
        }

        // Only directly adjacent words pair up: a removed stop word leaves a position gap.
        var adjacent = _position.PositionIncrement == 1;
        if (wordType == CodeType && adjacent && _previousCode is not null)
        {
            _pending.Enqueue((Join(_previousCode, tokens[0]), PairType));
        }

        _previousCode = wordType == CodeType ? tokens[0] : null;
        _term.SetEmpty().Append(tokens[0]);
        _type.Type = wordType;
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _pending.Clear();
        _previousCode = null;
    }

    /// <summary>Two codes as one word would be coded: a letter repeated across the seam collapses.</summary>
    public static string Join(string first, string second) =>
        first.Length > 0 && second.Length > 0 && first[^1] == second[0] ? first + second[1..] : first + second;

    /// <summary>The tokens for one lower-case word; never empty.</summary>
    public static (IReadOnlyList<string> Tokens, string Type) Encode(string word, PhoneticDictionary dictionary)
    {
        if (word.Any(char.IsDigit))
        {
            return (["=" + word], LiteralType);
        }

        var codes = dictionary.CodesOf(word);
        if (codes.Count > 0)
        {
            return (codes, CodeType);
        }

        return (CharacterTrigrams(word), NGramType);
    }

    private static List<string> CharacterTrigrams(string word)
    {
        var padded = "^" + word + "$";
        if (padded.Length <= 3)
        {
            return ["~" + padded];
        }

        var grams = new List<string>(padded.Length - 2);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            var gram = string.Concat("~", padded.AsSpan(i, 3));
            if (!grams.Contains(gram))
            {
                grams.Add(gram);
            }
        }

        return grams;
    }
}
