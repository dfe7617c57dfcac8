namespace ActorVoice.Engine.Speculation.Judging;

/// <summary>
/// Decides whether a speculative job's text asks the same question as another text (the final transcript, the text
/// that closed the question, or another job's text), by meaning rather than by string equality. Judging is split so
/// that the costly part runs once per text: <see cref="Understand"/> (a search, maybe an embedding) and the cheap
/// comparison <see cref="Answers"/>. Implementations are thread-safe.
/// </summary>
public interface IReuseJudge
{
    /// <summary>
    /// True when <see cref="Understand"/> is cheap enough to call on the actor's thread (well under a millisecond);
    /// otherwise the <see cref="SpeculatorActor"/> calls it on the thread pool and gets the meaning back as a message.
    /// </summary>
    bool RunsInline { get; }

    /// <summary>What <paramref name="text"/> asks about (normalised words of a transcript).</summary>
    QuestionMeaning Understand(string text, CancellationToken cancellationToken = default);

    /// <summary>True when a result for <paramref name="speculated"/> answers <paramref name="question"/>; symmetric.</summary>
    bool Answers(QuestionMeaning speculated, QuestionMeaning question);
}
