namespace ActorVoice.Lab.Experiments;

/// <summary><c>experiment.response</c>: response.create → first audio, and how long the answer plays.</summary>
public sealed record ResponseSettings(LatencyRange FirstAudioLatency, LatencyRange AnswerDuration);
