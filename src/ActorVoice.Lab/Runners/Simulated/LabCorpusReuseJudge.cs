using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Speculation.Judging;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// The engine's reuse-by-meaning rule (<see cref="IndexReuseJudge"/>: same top document, enough shared top-k documents)
/// over the lab's corpus instead of a document index, so the simulated speculator judges reuse as the engine does in a
/// live session. It runs inline: the lab's retriever is cached and deterministic, and the simulation must not wait on
/// judging work it does not track.
/// </summary>
public sealed class LabCorpusReuseJudge(Func<string, IReadOnlyList<string>> retriever, ReuseJudgeSettings settings) : ActorVoice.Engine.Speculation.Judging.IReuseJudge
{
    public bool RunsInline => true;

    public QuestionMeaning Understand(string text, CancellationToken cancellationToken = default)
    {
        var words = QuestionMeaning.OfWords(text);
        var documents = retriever(text).Distinct(StringComparer.Ordinal).Take(settings.TopK).ToList();
        return words with { Documents = documents };
    }

    public bool Answers(QuestionMeaning speculated, QuestionMeaning question) =>
        IndexReuseJudge.SameDocuments(speculated, question, settings.MinOverlap);
}
