using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ActorVoice.Retrieval.Lexical;

/// <summary>
/// Builds a Lucene query from free user text by running it through the analyzers and OR-ing term queries,
/// so no character of the input is ever parsed as query syntax ("AND", "what's up?", quotes, colons).
/// Body terms weigh 1, heading terms <c>headingBoost</c>, sound codes <c>phoneticWeight</c> (shared by the
/// n-grams of one word, so a long unknown word does not outweigh a known one).
/// </summary>
public sealed class LexicalQueryBuilder(Analyzer textAnalyzer, Analyzer? phoneticAnalyzer, float headingBoost, float phoneticWeight)
{
    private const int MaxTextTerms = 128;
    private const int MaxPhoneticTokens = 512;

    /// <summary>The query, or null when the text has no searchable word (empty, punctuation, stop words only).</summary>
    public Query? Build(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var terms = AnalyzeText(text);
        if (terms.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        foreach (var term in terms)
        {
            query.Add(new TermQuery(new Term(LexicalFields.Text, term)), Occur.SHOULD);
            query.Add(new TermQuery(new Term(LexicalFields.Heading, term)) { Boost = headingBoost }, Occur.SHOULD);
        }

        if (phoneticAnalyzer is not null && phoneticWeight > 0)
        {
            foreach (var (token, weight) in AnalyzePhonetic(text))
            {
                query.Add(new TermQuery(new Term(LexicalFields.Phonetic, token)) { Boost = phoneticWeight * weight }, Occur.SHOULD);
            }
        }

        return query;
    }

    /// <summary>Distinct stemmed terms in order of appearance.</summary>
    public List<string> AnalyzeText(string text)
    {
        var terms = new List<string>();
        using var stream = textAnalyzer.GetTokenStream(LexicalFields.Text, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < MaxTextTerms)
        {
            var value = term.ToString();
            if (!terms.Contains(value))
            {
                terms.Add(value);
            }
        }

        stream.End();
        return terms;
    }

    private List<(string Token, float Weight)> AnalyzePhonetic(string text)
    {
        // Tokens at one position belong to one word: its n-grams share the word's weight; alternative
        // pronunciations each keep the full weight because a chunk matches only one of them.
        var words = new List<List<(string Token, bool IsNGram)>>();
        using (var stream = phoneticAnalyzer!.GetTokenStream(LexicalFields.Phonetic, new StringReader(text)))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var position = stream.AddAttribute<IPositionIncrementAttribute>();
            var type = stream.AddAttribute<ITypeAttribute>();
            stream.Reset();
            var count = 0;
            while (stream.IncrementToken() && count++ < MaxPhoneticTokens)
            {
                if (position.PositionIncrement > 0 || words.Count == 0)
                {
                    words.Add([]);
                }

                words[^1].Add((term.ToString(), type.Type == PhoneticCodeFilter.NGramType));
            }

            stream.End();
        }

        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var ngrams = word.Count(t => t.IsNGram);
            foreach (var (token, isNGram) in word)
            {
                var weight = isNGram ? 1f / ngrams : 1f;
                weights[token] = Math.Max(weights.GetValueOrDefault(token), weight);
            }
        }

        return [.. weights.Select(pair => (pair.Key, pair.Value))];
    }
}
