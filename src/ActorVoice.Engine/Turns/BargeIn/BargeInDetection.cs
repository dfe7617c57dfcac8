namespace ActorVoice.Engine.Turns.BargeIn;

/// <summary>A barge-in that was decided: by whom (<c>local-vad</c> or <c>server-vad</c>), when, and when the user's speech began.</summary>
public sealed record BargeInDetection(string DetectedBy, DateTimeOffset DetectedAt, DateTimeOffset Onset);
