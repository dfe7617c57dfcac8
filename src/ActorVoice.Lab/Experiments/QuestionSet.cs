namespace ActorVoice.Lab.Experiments;

/// <summary>A source of questions the simulated user asks (<c>experiment.questions.sets</c>).</summary>
public enum QuestionSet
{
    /// <summary>The sample questions (samples/questions/questions.tsv) about the sample documents.</summary>
    Samples,

    /// <summary>OR-ShARC's policy questions (../shared/data/or-sharc).</summary>
    OrSharc,
}
