namespace ActorVoice.Lab.Scripts;

/// <summary>A question the simulated user asks: <see cref="Id"/> is stable across runs (e.g. q07, or-sharc-12).</summary>
public sealed record LabQuestion(string Id, string Text);
