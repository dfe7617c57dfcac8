namespace ActorVoice.Lab.Experiments;

/// <summary><c>experiment.questions</c>: the question sets and where their files are (paths as written in the file).</summary>
public sealed record QuestionSettings(
    IReadOnlyList<QuestionSet> Sets,
    string SamplesFile,
    string SamplesDocs,
    string OrSharcFolder,
    bool OrSharcSpoken);
