using ActorVoice.Speech.Recognition;

namespace ActorVoice.Speech.Tests.Recognition;

/// <summary>One generic en-us decoder shared by a test class: creating it costs about 0.6 s.</summary>
public sealed class GenericRecognizerFixture : IDisposable
{
    public PocketsphinxRecognizer Recognizer { get; } = new(PocketsphinxOptions.Default);

    public void Dispose() => Recognizer.Dispose();
}
