namespace ActorVoice.Lab.Scripts;

/// <summary>
/// A question the simulated user asks: <see cref="Id"/> is stable across runs (e.g. q07, or-sharc-12).
/// <see cref="AudioFile"/> is the full path of its recording, for live runs, when the set has one (the samples do).
/// </summary>
public sealed record LabQuestion(string Id, string Text, string? AudioFile = null);
