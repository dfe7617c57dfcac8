using ActorVoice.Engine.Configuration;
using ActorVoice.Retrieval;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Engine.Speculation.Judging;

/// <summary>
/// Judges reuse by what the built-in index retrieves: a speculated text answers a question when the index's top
/// document is the same for both and at least <see cref="ReuseJudgeSettings.MinOverlap"/> of their top
/// <see cref="ReuseJudgeSettings.TopK"/> documents are shared; with <see cref="ReuseJudgeSettings.MinSimilarity"/> above 0,
/// their MiniLM sentence embeddings must also be that close (cosine). Texts for which the index finds nothing are judged
/// by their content words. The index answers in milliseconds, whatever the knowledge source is. Not owned: the index
/// and the embedder stay open when the judge is dropped.
/// </summary>
public sealed class IndexReuseJudge : IReuseJudge
{
    private readonly IKnowledgeIndex _index;
    private readonly ReuseJudgeSettings _settings;
    private readonly ITextEmbedder? _embedder;

    /// <param name="index">The opened document index.</param>
    /// <param name="settings">Top-k, overlap, similarity and search mode.</param>
    /// <param name="embedder">Embeds texts for the similarity check; needed when <c>min-similarity</c> is above 0.</param>
    public IndexReuseJudge(IKnowledgeIndex index, ReuseJudgeSettings settings, ITextEmbedder? embedder = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (settings.MinSimilarity > 0 && embedder is null)
        {
            throw new ArgumentException("speculation.judge.min-similarity is above 0, but no sentence embedder was given.", nameof(embedder));
        }

        _index = index;
        _settings = settings;
        _embedder = settings.MinSimilarity > 0 ? embedder : null;
    }

    /// <summary>A search and maybe an embedding: run off the actor's thread.</summary>
    public bool RunsInline => false;

    public QuestionMeaning Understand(string text, CancellationToken cancellationToken = default)
    {
        var words = QuestionMeaning.OfWords(text);
        if (words.ContentWords.Count == 0)
        {
            return words;
        }

        // Several chunks of one document may come first: ask for more chunks than documents.
        var chunks = _settings.TopK * 4;
        var hits = (_index is KnowledgeIndex hybrid
            ? hybrid.Search(words.Text, chunks, _settings.LexicalOnly ? SearchMode.Bm25 : hybrid.Options.DefaultMode, partial: false, cancellationToken).Select(h => h.Chunk)
            : _index.Search(words.Text, chunks, cancellationToken).Select(h => h.Chunk)).ToList();
        var documents = hits.Select(c => c.Document).Distinct(StringComparer.Ordinal).Take(_settings.TopK).ToList();
        var embedding = _embedder is null ? null : VectorMath.Normalized(_embedder.Embed(words.Text, cancellationToken));
        return words with { Documents = documents, Embedding = embedding, Passages = [.. hits.Take(_settings.TopK).Select(c => new PassageRef(c.Document, c.ChunkIndex))] };
    }

    public bool Answers(QuestionMeaning speculated, QuestionMeaning question) =>
        SameDocuments(speculated, question, _settings.MinOverlap) && Similar(speculated.Embedding, question.Embedding);

    /// <summary>
    /// The documents rule, for any judge that finds each text's top documents: the same top document and at least
    /// <paramref name="minOverlap"/> of the top documents shared; with no documents on a side, the same content words.
    /// </summary>
    public static bool SameDocuments(QuestionMeaning speculated, QuestionMeaning question, double minOverlap)
    {
        ArgumentNullException.ThrowIfNull(speculated);
        ArgumentNullException.ThrowIfNull(question);
        if (speculated.Documents.Count == 0 || question.Documents.Count == 0)
        {
            // The index cannot tell what they are about: only the same content words will do.
            return speculated.ContentWords.Count > 0 && speculated.SameContentWords(question);
        }

        if (!string.Equals(speculated.Documents[0], question.Documents[0], StringComparison.Ordinal))
        {
            return false;
        }

        var shared = speculated.Documents.Intersect(question.Documents, StringComparer.Ordinal).Count();
        return (double)shared / Math.Max(speculated.Documents.Count, question.Documents.Count) >= minOverlap;
    }

    private bool Similar(float[]? a, float[]? b)
    {
        if (_embedder is null || a is null || b is null)
        {
            return true;
        }

        var dot = 0.0;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            dot += a[i] * b[i];
        }

        return dot >= _settings.MinSimilarity;
    }
}
