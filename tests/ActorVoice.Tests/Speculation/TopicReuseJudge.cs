using ActorVoice.Engine.Speculation.Judging;

namespace ActorVoice.Tests.Speculation;

/// <summary>
/// A reuse judge for actor tests: a text's "documents" are the topics of its words (vacation, warranty, contractors),
/// in order; two texts mean the same when they name the same topics. <c>inline</c> false makes the actor judge on the
/// thread pool, as it does with the index judge.
/// </summary>
public sealed class TopicReuseJudge(bool inline = true) : IReuseJudge
{
    private static readonly Dictionary<string, string> Topics = new(StringComparer.Ordinal)
    {
        ["vacation"] = "vacation.md",
        ["holiday"] = "vacation.md",
        ["warranty"] = "warranty.md",
        ["contractors"] = "contractors.md",
    };

    private int _understood;

    public bool RunsInline => inline;

    /// <summary>How many texts were judged.</summary>
    public int Understood => Volatile.Read(ref _understood);

    public QuestionMeaning Understand(string text, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _understood);
        var words = QuestionMeaning.OfWords(text);
        var topics = words.ContentWords.Where(Topics.ContainsKey).Select(w => Topics[w]).Distinct().ToList();
        return words with { Documents = topics };
    }

    public bool Answers(QuestionMeaning speculated, QuestionMeaning question) =>
        speculated.Documents.Count > 0 && speculated.Documents.SequenceEqual(question.Documents);
}
