namespace ActorVoice.Speech.Recognition;

/// <summary>
/// Hands out decoders. Creating a pocketsphinx decoder costs about half a second, so sessions rent
/// one per utterance and return it afterwards instead of creating their own.
/// </summary>
public interface IRecognizerPool : IDisposable
{
    IStreamingRecognizer Rent();

    void Return(IStreamingRecognizer recognizer);
}
