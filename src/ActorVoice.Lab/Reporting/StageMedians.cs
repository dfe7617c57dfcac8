namespace ActorVoice.Lab.Reporting;

/// <summary>
/// Median of each stage between the end of user speech and the answer's audio, in milliseconds. Per turn the stages
/// add up to the answer's audio latency: recognition (end of speech → final transcript), RAG added (final
/// transcript → answer ready, floored at 0), and response (the rest: response.create, first audio, a bridge, holds).
/// </summary>
public sealed record StageMedians(double RecognitionMs, double RagAddedMs, double ResponseMs);
