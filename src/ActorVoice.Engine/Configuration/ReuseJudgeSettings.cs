using ActorVoice.Config;

namespace ActorVoice.Engine.Configuration;

/// <summary>
/// The reuse judge of the <see cref="SpeculationReuseRule.Meaning"/> rule (<c>actorvoice.engine.speculation.judge</c>):
/// two texts ask the same question when the built-in index's top documents for them agree, and (when
/// <see cref="MinSimilarity"/> is above 0) their sentence embeddings are close enough. See docs/speculation.md.
/// </summary>
public sealed record ReuseJudgeSettings
{
    /// <summary>Distinct documents retrieved for each text and compared.</summary>
    [SettingRange(1, 20)]
    public required int TopK { get; init; }

    /// <summary>
    /// Share of the top-k documents both texts must have in common (shared / the longer list), besides the same top
    /// document: 0 checks the top document only, 1 asks for the same set.
    /// </summary>
    [SettingRange(0, 1)]
    public required double MinOverlap { get; init; }

    /// <summary>Least cosine similarity of the two texts' MiniLM sentence embeddings; 0 turns the check off.</summary>
    [SettingRange(0, 1)]
    public required double MinSimilarity { get; init; }

    /// <summary>On: the judge searches BM25 only (under a millisecond); off: the index's own mode (hybrid embeds the text).</summary>
    public required bool LexicalOnly { get; init; }

    /// <summary>Checks the numbers of settings made in code; throws naming the key.</summary>
    public ReuseJudgeSettings Validate()
    {
        if (TopK < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "speculation.judge.top-k must be at least 1.");
        }

        if (MinOverlap is < 0 or > 1 || MinSimilarity is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinOverlap), "speculation.judge.min-overlap and min-similarity must be between 0 and 1.");
        }

        return this;
    }
}
