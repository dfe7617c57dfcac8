namespace ActorVoice.Evaluation.Datasets;

/// <summary>One retrievable text of an evaluation corpus. <see cref="Group"/> names the FAQ thread or source it belongs to.</summary>
public sealed record EvaluationPassage(string Id, string Text, string Group);
