using ActorVoice.Speech.LanguageModels;

namespace ActorVoice.Speech.Tests.LanguageModels;

/// <summary>The domain model for samples/docs, built once per test run (and cached across runs by content hash).</summary>
public sealed class DomainLanguageModelFixture
{
    public DomainLanguageModelFixture()
    {
        Model = DomainLanguageModel.BuildFromFolderAsync(RepositoryPaths.Documents, RepositoryPaths.LanguageModelCache)
            .GetAwaiter().GetResult();
    }

    public DomainLanguageModel Model { get; }
}
