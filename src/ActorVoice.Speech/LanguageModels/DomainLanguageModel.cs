using ActorVoice.Speech.Recognition;

namespace ActorVoice.Speech.LanguageModels;

/// <summary>
/// A document-derived trigram model and its pronunciation dictionary, as files pocketsphinx can load.
/// Build with <see cref="BuildAsync"/> (cached by content hash) and decode with <see cref="ToOptions"/> (domain model
/// alone) or <see cref="ToInterpolatedOptions"/> (mixed with the generic en-us model).
/// </summary>
public sealed record DomainLanguageModel(
    string Folder,
    string LanguageModelPath,
    string DictionaryPath,
    string ExtraDictionaryPath,
    int VocabularySize,
    int GuessedPronunciationCount,
    IReadOnlyList<string> SkippedWords,
    bool FromCache)
{
    public const string LanguageModelFileName = "domain.lm";
    public const string DictionaryFileName = "domain.dict";
    public const string ExtraDictionaryFileName = "domain-extra.dict";

    /// <summary>Domain weight of <see cref="ToRecommendedOptions"/>, chosen by measurement (docs/speech.md).</summary>
    public const double RecommendedDomainWeight = 0.7;

    /// <summary>Builds (or reuses from <paramref name="cacheDirectory"/>) the model for <paramref name="texts"/>.</summary>
    public static Task<DomainLanguageModel> BuildAsync(
        IEnumerable<string> texts, string cacheDirectory, DomainLanguageModelOptions? options = null, CancellationToken cancellationToken = default) =>
        new DomainLanguageModelBuilder(options ?? new DomainLanguageModelOptions()).BuildAsync(texts, cacheDirectory, cancellationToken);

    /// <summary>Builds from every .md and .txt file under <paramref name="documentsFolder"/>.</summary>
    public static Task<DomainLanguageModel> BuildFromFolderAsync(
        string documentsFolder, string cacheDirectory, DomainLanguageModelOptions? options = null, CancellationToken cancellationToken = default) =>
        BuildAsync(ReadDocuments(documentsFolder), cacheDirectory, options, cancellationToken);

    /// <summary>Texts of every .md and .txt file under <paramref name="documentsFolder"/>, in path order.</summary>
    public static IReadOnlyList<string> ReadDocuments(string documentsFolder)
    {
        if (!Directory.Exists(documentsFolder))
        {
            throw new DirectoryNotFoundException($"Documents folder not found: {documentsFolder}");
        }

        var files = Directory.EnumerateFiles(documentsFolder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"No .md or .txt documents under {documentsFolder}.");
        }

        return files.Select(File.ReadAllText).ToList();
    }

    /// <summary>Decoder options using the domain model and its own (small) dictionary only.</summary>
    public PocketsphinxOptions ToOptions(PocketsphinxOptions? baseOptions = null) =>
        (baseOptions ?? PocketsphinxOptions.Default) with
        {
            LanguageModelPath = LanguageModelPath,
            DictionaryPath = DictionaryPath,
            ExtraDictionaryPath = null,
            SecondLanguageModelPath = null,
        };

    /// <summary>The setup that measured best on the sample questions: generic and domain models interpolated.</summary>
    public PocketsphinxOptions ToRecommendedOptions(PocketsphinxOptions? baseOptions = null) =>
        ToInterpolatedOptions(RecommendedDomainWeight, baseOptions);

    /// <summary>
    /// Decoder options interpolating the generic model of <paramref name="baseOptions"/> with the domain model
    /// (weight <paramref name="domainWeight"/>), with the generic dictionary plus guessed domain words.
    /// </summary>
    public PocketsphinxOptions ToInterpolatedOptions(double domainWeight = 0.5, PocketsphinxOptions? baseOptions = null) =>
        (baseOptions ?? PocketsphinxOptions.Default) with
        {
            ExtraDictionaryPath = ExtraDictionaryPath,
            SecondLanguageModelPath = LanguageModelPath,
            SecondLanguageModelWeight = domainWeight,
        };
}
