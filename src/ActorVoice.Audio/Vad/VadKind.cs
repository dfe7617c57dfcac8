namespace ActorVoice.Audio.Vad;

/// <summary>Which voice activity detector runs: frame energy against a dBFS threshold, or the Silero neural model.</summary>
public enum VadKind
{
    Energy,
    Silero,
}
