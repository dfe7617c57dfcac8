using ActorVoice.Retrieval.Evaluation;

namespace ActorVoice.Retrieval.Tests.Evaluation;

/// <summary>Loads the CMU dictionary once for the noise-model tests (about a second).</summary>
public sealed class PronunciationFixture
{
    public PronunciationDictionary Dictionary { get; } = PronunciationDictionary.Load();
}
