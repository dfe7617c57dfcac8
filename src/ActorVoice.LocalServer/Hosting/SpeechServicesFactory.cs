using ActorVoice.LocalServer.Sessions;
using ActorVoice.Speech.LanguageModels;
using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Synthesis;
using Microsoft.Extensions.Logging;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>
/// Creates the server's recognizer pool (with a document-derived language model when configured) and synthesizer.
/// The recognizer pool alone also serves the engine's local shadow recognizer (same models, its own decoders).
/// </summary>
public static class SpeechServicesFactory
{
    public static async Task<SpeechServices> CreateAsync(LocalServerSettings settings, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var synthesizer = CreateSynthesizer(settings.Synthesis);
        var recognizers = await CreateRecognizersAsync(settings.Recognition, logger, cancellationToken);
        return new SpeechServices(recognizers, synthesizer);
    }

    /// <summary>A prewarmed pocketsphinx pool for <paramref name="recognition"/>; the caller disposes it.</summary>
    public static async Task<IRecognizerPool> CreateRecognizersAsync(RecognitionSettings recognition, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recognition);
        ArgumentNullException.ThrowIfNull(logger);
        var options = new PocketsphinxOptions
        {
            HmmPath = recognition.HmmPath,
            DictionaryPath = recognition.DictionaryPath,
            LanguageModelPath = recognition.LanguageModelPath,
            CmnInit = string.IsNullOrWhiteSpace(recognition.CmnInit) ? null : recognition.CmnInit,
            WarmUpAudio = recognition.WarmUpAudio,
        };
        if (!string.IsNullOrWhiteSpace(recognition.DomainDocs))
        {
            var model = await DomainLanguageModel.BuildFromFolderAsync(recognition.DomainDocs, recognition.DomainCache, null, cancellationToken);
            logger.LogInformation(
                "Domain language model: {Vocabulary} words from {Docs} ({Cached})",
                model.VocabularySize,
                recognition.DomainDocs,
                model.FromCache ? "cached" : "built");
            options = string.Equals(recognition.DomainMode, "domain", StringComparison.OrdinalIgnoreCase)
                ? model.ToOptions(options)
                : model.ToInterpolatedOptions(recognition.DomainWeight, options);
        }

        var pool = new PocketsphinxRecognizerPool(options, Math.Max(1, recognition.PoolSize));
        try
        {
            // Creating a decoder takes about half a second: do it now rather than on the first utterance.
            await Task.Run(() => pool.Prewarm(1), cancellationToken);
            return pool;
        }
        catch
        {
            pool.Dispose();
            throw;
        }
    }

    private static ISpeechSynthesizer CreateSynthesizer(SynthesisSettings synthesis) =>
        synthesis.Engine.ToUpperInvariant() switch
        {
            "ESPEAK-NG" or "ESPEAK" => new EspeakSynthesizer(),
            "FLITE" => new FliteSynthesizer(ParseVoice(synthesis.Voice)),
            var other => throw new InvalidOperationException($"Unknown synthesis engine '{other}': use flite or espeak-ng."),
        };

    private static FliteVoice ParseVoice(string voice) =>
        Enum.TryParse<FliteVoice>(voice, ignoreCase: true, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"Unknown flite voice '{voice}': use {string.Join(", ", Enum.GetNames<FliteVoice>()).ToLowerInvariant()}.");
}
