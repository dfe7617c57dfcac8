namespace ActorVoice.Speech.LanguageModels;

/// <summary>A training sentence (lower-case words, no boundary markers) and how much its counts weigh.</summary>
public sealed record WeightedSentence(IReadOnlyList<string> Words, double Weight = 1.0);
