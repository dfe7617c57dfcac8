namespace ActorVoice.Evaluation.Noise;

/// <summary>
/// What <see cref="VadComparison"/> runs: the spoken questions (a folder with manifest.json and, if present,
/// interruptions.json), the SNRs, the babble talkers' recordings, the seed, and the VAD settings both detectors share
/// (silence window and minimum speech; the defaults are the local server's) plus each one's threshold.
/// </summary>
public sealed record VadBenchOptions
{
    public required string QuestionsFolder { get; init; }

    public IReadOnlyList<double> SnrDb { get; init; } = [10, 0];

    /// <summary>Folder of other people's recordings (.wav) mixed into babble; null or missing: the other sample questions.</summary>
    public string? BabbleFolder { get; init; } = "/usr/share/pocketsphinx/test/data/librivox";

    public int Seed { get; init; } = 12;

    /// <summary>A turn end reported later than this after the utterance is a missed turn end.</summary>
    public int EndWindowMs { get; init; } = 2000;

    public int SilenceMs { get; init; } = 500;

    public int MinSpeechMs { get; init; } = 120;

    public double EnergyThresholdDbfs { get; init; } = -35;

    public double SileroStart { get; init; } = 0.5;

    public double SileroEnd { get; init; } = 0.35;

    /// <summary>Silero's model file; null: the default place (see <c>SileroVadModel.Resolve</c>).</summary>
    public string? SileroModel { get; init; }

    /// <summary>
    /// Active speech level (dBFS over the voiced frames) every utterance is scaled to before mixing, as a microphone's
    /// gain would set it; −26 dBFS is the nominal level of ITU-T P.56. Null keeps the recordings' own level.
    /// </summary>
    public double? SpeechDbfs { get; init; } = -26;

    /// <summary>The played answer's echo, relative to the question's active speech level.</summary>
    public double EchoDb { get; init; } = -20;

    public int LeadInMs { get; init; } = 2500;

    public int TailMs { get; init; } = 3000;
}
