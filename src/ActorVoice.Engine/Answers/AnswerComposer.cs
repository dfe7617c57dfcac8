using System.Text;
using System.Text.RegularExpressions;
using ActorVoice.Engine.Configuration;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Engine.Answers;

/// <summary>
/// Builds a short spoken answer by extraction: the sentences of the best chunk that share the most content
/// words with the question, in their original order, introduced by the name of their source document. No
/// language model is involved, so every word spoken can be traced to the documents.
/// </summary>
public static partial class AnswerComposer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "get", "has", "have", "how",
        "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "should", "so", "tell", "that", "the",
        "their", "there", "this", "to", "up", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with",
        "you", "your", "about", "much", "many", "long", "need", "after", "before", "into", "any", "all", "would", "could",
    };

    /// <summary>
    /// The answer text, or null when the hits hold nothing that matches the question: no hits, or a best chunk that
    /// shares no content word with it.
    /// </summary>
    public static ComposedAnswer? Compose(string question, IReadOnlyList<SearchHit> hits, AnswerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(settings);
        if (hits.Count == 0)
        {
            return null;
        }

        var best = hits[0];
        var questionTerms = Terms(question);
        var sentences = SplitSentences(best.Chunk.Text);
        if (sentences.Count == 0 || Unrelated(questionTerms, best.Chunk))
        {
            return null;
        }

        var ranked = sentences
            .Select((s, i) => (Sentence: s, Index: i, Score: Overlap(questionTerms, Terms(s))))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .Take(Math.Max(1, settings.MaxSentences))
            .Where(x => x.Score > 0 || x.Index == 0)
            .OrderBy(x => x.Index)
            .Select(x => x.Sentence)
            .ToList();
        if (ranked.Count == 0)
        {
            ranked.Add(sentences[0]);
        }

        var source = SourceName(best.Chunk);
        var text = new StringBuilder($"From {source}: ");
        foreach (var sentence in ranked)
        {
            if (text.Length + sentence.Length + 1 > settings.MaxChars && sentence != ranked[0])
            {
                break;
            }

            text.Append(sentence).Append(' ');
        }

        var answer = text.ToString().Trim();
        if (answer.Length > settings.MaxChars)
        {
            var cut = answer.LastIndexOf(' ', settings.MaxChars - 1);
            answer = answer[..(cut > 0 ? cut : settings.MaxChars)].TrimEnd(',', ';', ' ') + ".";
        }

        return new ComposedAnswer(answer, best.Chunk.Document, source);
    }

    /// <summary>The answer from a knowledge source's passages (best first).</summary>
    public static ComposedAnswer? Compose(string question, IReadOnlyList<Knowledge.KnowledgePassage> passages, AnswerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var hits = passages
            .Select(p => new SearchHit(new DocumentChunk(p.Document, p.Chunk, p.Heading, p.Text, 0, p.Text.Length), p.Score))
            .ToList();
        return Compose(question, hits, settings);
    }

    /// <summary>A readable name for a chunk's document: its title heading, else its file name.</summary>
    public static string SourceName(DocumentChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var title = chunk.HeadingPath.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(title))
        {
            return title.Trim();
        }

        var name = Path.GetFileNameWithoutExtension(chunk.Document).Replace('-', ' ').Replace('_', ' ');
        return name + " document";
    }

    /// <summary>Sentences of a Markdown/plain chunk: headings dropped (the heading path names them), list items as sentences.</summary>
    internal static IReadOnlyList<string> SplitSentences(string text)
    {
        var sentences = new List<string>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            line = InlineMarkup().Replace(ListMarker().Replace(line, string.Empty), string.Empty);
            line = Whitespace().Replace(line, " ").Trim();
            foreach (var piece in SentenceEnd().Split(line))
            {
                var sentence = piece.Trim();
                if (sentence.Length > 3 && sentence.Any(char.IsLetter))
                {
                    sentences.Add(sentence[^1] is '.' or '!' or '?' ? sentence : sentence.TrimEnd(':', ';', ',') + ".");
                }
            }
        }

        return sentences;
    }

    private static HashSet<string> Terms(string text) =>
        WordPattern().Matches(text.ToLowerInvariant())
            .Select(m => Stem(m.Value))
            .Where(w => w.Length > 1 && !StopWords.Contains(w))
            .ToHashSet(StringComparer.Ordinal);

    // Crude suffix stripping is enough to match "days"/"day" and "replacing"/"replace" between question and text.
    private static string Stem(string word)
    {
        foreach (var suffix in (string[])["ing", "ies", "es", "ed", "s"])
        {
            if (word.Length > suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    /// <summary>
    /// Dense retrieval always returns its nearest chunks, however far: a question none of whose content words occurs
    /// in the best chunk (text or headings) is about something the documents do not cover, and quoting that chunk's
    /// first sentence would answer a different question. A question without content words is left to the ranking.
    /// </summary>
    private static bool Unrelated(HashSet<string> questionTerms, DocumentChunk chunk)
    {
        if (questionTerms.Count == 0)
        {
            return false;
        }

        var chunkTerms = Terms(chunk.HeadingPath + "\n" + chunk.Text);
        return !questionTerms.Any(chunkTerms.Contains);
    }

    private static int Overlap(HashSet<string> question, HashSet<string> sentence) => question.Count(sentence.Contains);

    [GeneratedRegex(@"^\s*([-*+]|\d+\.)\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"[*_`|]|(?<=\s)>(?=\s)")]
    private static partial Regex InlineMarkup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex WordPattern();
}
