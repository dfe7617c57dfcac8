namespace ActorVoice.Evaluation.Asr;

/// <summary>One benchmark utterance: a WAV file and what was said.</summary>
public sealed record AsrSample(string Id, string WavPath, string ReferenceText);
