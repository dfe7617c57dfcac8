using ActorVoice.Config;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>The pocketsphinx recognizer and its document language model (<c>actorvoice.local-server.recognition</c>).</summary>
public sealed record RecognitionSettings
{
    [SettingKey("hmm")]
    public required string HmmPath { get; init; }

    [SettingKey("dictionary")]
    public required string DictionaryPath { get; init; }

    [SettingKey("language-model")]
    public required string LanguageModelPath { get; init; }

    public required string DomainDocs { get; init; }

    [OneOf("interpolated", "domain")]
    public required string DomainMode { get; init; }

    [SettingRange(0, 1)]
    public required double DomainWeight { get; init; }

    [HomePath]
    public required string DomainCache { get; init; }

    [SettingRange(1)]
    public required int PoolSize { get; init; }

    [SettingRange(0)]
    public required int StableUpdates { get; init; }

    /// <summary>
    /// How long a user turn may wait for a free decoder before its transcription fails with <c>server_busy</c>
    /// (zero: wait as long as it takes).
    /// </summary>
    public required TimeSpan QueueTimeout { get; init; }

    /// <summary>Initial cepstral mean of every new decoder (13 comma-separated numbers); empty: the model's own.</summary>
    public required string CmnInit { get; init; }

    /// <summary>Recordings every new decoder decodes when it is created, so its cepstral mean adapts to them.</summary>
    public required IReadOnlyList<string> WarmUpAudio { get; init; }
}
