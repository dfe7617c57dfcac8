namespace ActorVoice.Speech.Recognition;

/// <summary>
/// Hands out decoders. Creating a pocketsphinx decoder costs about half a second, so sessions rent
/// one per utterance and return it afterwards instead of creating their own.
/// </summary>
public interface IRecognizerPool : IDisposable
{
    IStreamingRecognizer Rent();

    /// <summary>
    /// Waits for a decoder without blocking a thread. Many sessions share a few decoders, so callers that may wait must
    /// use this: a thread blocked in <see cref="Rent"/> per waiting utterance starves the thread pool under load.
    /// </summary>
    ValueTask<IStreamingRecognizer> RentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Rent());

    /// <summary>Hands out a decoder only when one is free now; never waits for a decoder to come back.</summary>
    bool TryRent([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IStreamingRecognizer? recognizer);

    void Return(IStreamingRecognizer recognizer);
}
