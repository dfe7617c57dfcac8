namespace ActorVoice.Evaluation.Datasets;

/// <summary>
/// A question and the passage ids that answer it. <see cref="SpokenText"/> is a more conversational
/// variant where the dataset has one (OR-ShARC: scenario + " " + question), otherwise the question itself.
/// </summary>
public sealed record EvaluationQuery(string Text, IReadOnlySet<string> RelevantIds, string SpokenText);
