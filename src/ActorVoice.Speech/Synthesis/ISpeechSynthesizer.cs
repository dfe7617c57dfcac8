namespace ActorVoice.Speech.Synthesis;

/// <summary>Offline text-to-speech.</summary>
public interface ISpeechSynthesizer
{
    /// <summary>Synthesises <paramref name="text"/> to mono PCM16 at <see cref="SynthesizedSpeech.SampleRate"/>.</summary>
    Task<SynthesizedSpeech> SynthesizeAsync(string text, CancellationToken cancellationToken);
}
