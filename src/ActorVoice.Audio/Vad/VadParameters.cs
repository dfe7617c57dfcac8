namespace ActorVoice.Audio.Vad;

/// <summary>Thresholds of <see cref="EnergyVad"/>.</summary>
public sealed record VadParameters(double ThresholdDbfs, int PrefixPaddingMs, int SilenceDurationMs, int MinSpeechMs)
{
    /// <summary>Maps an OpenAI-style threshold (0..1) linearly onto a dBFS range.</summary>
    public static double ThresholdToDbfs(double threshold, double minDbfs, double maxDbfs) =>
        minDbfs + (Math.Clamp(threshold, 0, 1) * (maxDbfs - minDbfs));
}
