namespace ActorVoice.Engine.Speculation.Judging;

/// <summary>
/// The judge when there is no document index: two texts mean the same when their content (non-stop) words are the
/// same set ("vacation days do I have" answers "how many vacation days"). Cheap: it runs inline.
/// </summary>
public sealed class ContentWordsReuseJudge : IReuseJudge
{
    public bool RunsInline => true;

    public QuestionMeaning Understand(string text, CancellationToken cancellationToken = default) => QuestionMeaning.OfWords(text);

    public bool Answers(QuestionMeaning speculated, QuestionMeaning question)
    {
        ArgumentNullException.ThrowIfNull(speculated);
        return speculated.ContentWords.Count > 0 && speculated.SameContentWords(question);
    }
}
