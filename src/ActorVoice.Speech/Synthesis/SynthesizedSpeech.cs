namespace ActorVoice.Speech.Synthesis;

/// <summary>Mono PCM16 samples produced by a synthesizer, at the synthesizer's native rate.</summary>
public sealed record SynthesizedSpeech(short[] Samples, int SampleRate)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / (double)SampleRate);
}
