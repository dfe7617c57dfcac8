namespace ActorVoice.Engine.Turns;

/// <summary>
/// What happened when the user cut in: who decided (<c>local-vad</c> on the capture stream or <c>server-vad</c>),
/// <paramref name="DetectedMs"/> from the onset of the user's speech to the barge-in decision (it includes the
/// minimum-speech guard), <paramref name="SilentAfterMs"/> from the decision to playback being silent, the milliseconds of answer audio actually played, and the
/// <c>audio_end_ms</c> the assistant's item was truncated to (never more than was played).
/// </summary>
public sealed record BargeInReport(string DetectedBy, double DetectedMs, double SilentAfterMs, long PlayedMs, long TruncatedMs);
