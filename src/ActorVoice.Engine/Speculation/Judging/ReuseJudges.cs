using ActorVoice.Engine.Configuration;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Engine.Speculation.Judging;

/// <summary>Creates the reuse judge of the <c>meaning</c> rule for a session.</summary>
public static class ReuseJudges
{
    /// <summary>
    /// An <see cref="IndexReuseJudge"/> over <paramref name="index"/> (embedding with the index's own cached query
    /// embedder, else the shared MiniLM model, when <c>judge.min-similarity</c> is above 0), or the
    /// <see cref="ContentWordsReuseJudge"/> when there is no index.
    /// </summary>
    public static IReuseJudge Create(ReuseJudgeSettings settings, IKnowledgeIndex? index)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (index is null)
        {
            return new ContentWordsReuseJudge();
        }

        ITextEmbedder? embedder = settings.MinSimilarity > 0
            ? (index as KnowledgeIndex)?.QueryEmbedder ?? new CachingEmbedder(MiniLmEmbedder.Shared)
            : null;
        return new IndexReuseJudge(index, settings, embedder);
    }
}
