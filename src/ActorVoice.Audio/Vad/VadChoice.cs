namespace ActorVoice.Audio.Vad;

/// <summary>
/// The configured detector kind and, for Silero, its thresholds and model file (null or empty: the default place,
/// see <see cref="SileroVadModel.Resolve"/>). <see cref="Create"/> makes one detector per stream; Silero streams share
/// one loaded model per file.
/// </summary>
public sealed record VadChoice(VadKind Kind, SileroThresholds Silero, string? SileroModel = null)
{
    public static VadChoice Energy { get; } = new(VadKind.Energy, SileroThresholds.FromStart(0.5));

    /// <summary>A detector for one stream. Throws <see cref="SileroModelMissingException"/> when Silero's model is missing.</summary>
    public IVoiceActivityDetector Create(int sampleRate, VadParameters parameters) => Kind switch
    {
        VadKind.Silero => new SileroVad(SileroVadModel.Shared(SileroModel), sampleRate, parameters, Silero),
        _ => new EnergyVad(sampleRate, parameters),
    };

    /// <summary>Loads the shared model now (Silero only), so a missing model is reported at start, not at the first frame.</summary>
    public void EnsureAvailable()
    {
        if (Kind == VadKind.Silero)
        {
            _ = SileroVadModel.Shared(SileroModel);
        }
    }
}
