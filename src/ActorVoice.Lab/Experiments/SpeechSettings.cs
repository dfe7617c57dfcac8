namespace ActorVoice.Lab.Experiments;

/// <summary><c>experiment.speech</c>: the simulated user's speaking rate, jittered per turn by ±<see cref="RateJitter"/>.</summary>
public sealed record SpeechSettings(double WordsPerMinute, double RateJitter);
