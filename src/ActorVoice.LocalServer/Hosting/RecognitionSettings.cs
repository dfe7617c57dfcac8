namespace ActorVoice.LocalServer.Hosting;

public sealed record RecognitionSettings
{
    public string HmmPath { get; init; } = "/usr/share/pocketsphinx/model/en-us/en-us";

    public string DictionaryPath { get; init; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    public string LanguageModelPath { get; init; } = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

    public string DomainDocs { get; init; } = string.Empty;

    public string DomainMode { get; init; } = "interpolated";

    public double DomainWeight { get; init; } = 0.7;

    public string DomainCache { get; init; } = Path.Combine(Path.GetTempPath(), "actorvoice-lm");

    public int PoolSize { get; init; } = 2;

    public int StableUpdates { get; init; } = 12;
}
