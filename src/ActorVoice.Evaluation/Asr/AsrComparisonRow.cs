namespace ActorVoice.Evaluation.Asr;

/// <summary>One line of the ASR comparison table: a data set decoded with one language-model setup.</summary>
public sealed record AsrComparisonRow(string DataSet, string LanguageModel, TimeSpan DecoderLoadTime, AsrBenchmarkResult Result);
