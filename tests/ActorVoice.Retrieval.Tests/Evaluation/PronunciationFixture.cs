using ActorVoice.Evaluation.Noise;

namespace ActorVoice.Retrieval.Tests.Evaluation;

/// <summary>Loads the CMU dictionary once for the noise-model tests (about a second).</summary>
public sealed class PronunciationFixture
{
    public SoundAlikeDictionary Dictionary { get; } = SoundAlikeDictionary.Load();
}
