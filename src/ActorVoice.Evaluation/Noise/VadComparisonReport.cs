namespace ActorVoice.Evaluation.Noise;

/// <summary>The bench's rows plus what they were measured on and each detector's cost per second of audio.</summary>
public sealed record VadComparisonReport(
    IReadOnlyList<VadComparisonRow> Rows,
    int Utterances,
    string BabbleSource,
    double EnergyCpuMsPerAudioSecond,
    double SileroCpuMsPerAudioSecond,
    VadBenchOptions Options);
