namespace ActorVoice.Speech.Recognition;

/// <summary>
/// One streaming speech decoder: feed 16 kHz mono PCM16 while the user speaks, read partial
/// hypotheses as they evolve, and take the final hypothesis at the end of the utterance.
/// An instance is not thread-safe; one utterance at a time.
/// </summary>
public interface IStreamingRecognizer : IDisposable
{
    /// <summary>Sample rate the recognizer expects (16 000 for pocketsphinx en-us).</summary>
    int SampleRate { get; }

    /// <summary>Starts a new utterance; any previous one must have ended.</summary>
    void StartUtterance();

    /// <summary>Decodes more audio and returns the current partial hypothesis ("" when none yet).</summary>
    string Process(ReadOnlySpan<short> samples);

    /// <summary>Ends the utterance and returns the final hypothesis ("" when nothing was recognised).</summary>
    string EndUtterance();
}
