using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorVoice.Text.Normalization;
using ActorVoice.Text.Pronunciation;

namespace ActorVoice.Speech.LanguageModels;

/// <summary>
/// Builds <see cref="DomainLanguageModel"/> files: normalises documents to spoken-form sentences, adds the generic
/// question corpus, looks up pronunciations (CMU dictionary first, flite letter-to-sound for the rest), trains an
/// interpolated Kneser–Ney trigram model and writes ARPA + dictionary into a folder named by a hash of all inputs.
/// </summary>
public sealed class DomainLanguageModelBuilder
{
    // Bump when the output for the same inputs changes (tokenisation, corpus, estimator).
    private const int FormatVersion = 2;
    private const string InfoFileName = "build-info.json";

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "to", "of", "in", "on", "at", "by", "for", "with", "from",
        "into", "onto", "up", "down", "out", "over", "under", "about", "as", "is", "are", "was", "were", "be", "been",
        "being", "it", "its", "it's", "this", "that", "these", "those", "you", "your", "yours", "we", "our", "us", "they",
        "their", "them", "he", "she", "his", "her", "i", "me", "my", "do", "does", "did", "done", "have", "has", "had",
        "can", "could", "will", "would", "should", "may", "might", "must", "shall", "not", "no", "yes", "all", "any",
        "each", "every", "some", "more", "most", "less", "than", "also", "only", "just", "very", "there", "here", "what",
        "which", "who", "whom", "when", "where", "why", "how", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "get", "gets", "got", "use", "used", "make", "made", "per", "after", "before", "until",
        "while", "within", "without", "again", "other", "same", "such", "own", "both", "either", "neither", "don't",
        "doesn't", "isn't", "aren't", "can't", "won't", "need", "needs", "please", "see", "page", "via", "e", "g",
    };

    private readonly DomainLanguageModelOptions _options;

    public DomainLanguageModelBuilder(DomainLanguageModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public async Task<DomainLanguageModel> BuildAsync(IEnumerable<string> texts, string cacheDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);
        var documents = texts.ToList();
        if (documents.Count == 0 || documents.All(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one non-empty document text is needed to build a domain language model.", nameof(texts));
        }

        if (!File.Exists(_options.BaseDictionaryPath))
        {
            throw new SpeechSetupException(
                $"Pronunciation dictionary not found: {_options.BaseDictionaryPath}; install Debian packages pocketsphinx and pocketsphinx-en-us.");
        }

        var folder = Path.Combine(cacheDirectory, "domain-lm-" + CacheKey(documents));
        var cached = TryLoadCached(folder);
        if (cached is not null)
        {
            return cached;
        }

        var baseDictionary = LoadDictionary(_options.BaseDictionaryPath);
        var documentSentences = documents.SelectMany(d => TextNormalizer.SpokenSentences(d, baseDictionary.ContainsKey)).ToList();
        var questionSentences = GenericQuestionCorpus.Sentences.Select(s => TextNormalizer.SpokenWords(s, baseDictionary.ContainsKey)).ToList();
        var templateSentences = GenericQuestionCorpus.Generate(FrequentPhrases(documentSentences))
            .Skip(GenericQuestionCorpus.Sentences.Count)
            .Select(s => TextNormalizer.SpokenWords(s, baseDictionary.ContainsKey))
            .ToList();

        var vocabulary = documentSentences.Concat(questionSentences).Concat(templateSentences)
            .SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        var guessed = await GuessMissingAsync(vocabulary.Where(w => !baseDictionary.ContainsKey(w)), cancellationToken).ConfigureAwait(false);
        var skipped = vocabulary.Where(w => !baseDictionary.ContainsKey(w) && !guessed.ContainsKey(w)).Order(StringComparer.Ordinal).ToList();
        var skippedSet = skipped.ToHashSet(StringComparer.Ordinal);

        var training = WithoutSkipped(documentSentences, skippedSet, _options.DocumentWeight)
            .Concat(WithoutSkipped(questionSentences, skippedSet, _options.GenericQuestionWeight))
            .Concat(WithoutSkipped(templateSentences, skippedSet, _options.TemplateQuestionWeight));
        var model = TrigramLanguageModel.Train(training);

        // Write into a scratch folder and rename, so a crash never leaves a half-written cache entry.
        var scratch = folder + ".tmp-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(scratch);
        await using (var writer = new StreamWriter(Path.Combine(scratch, DomainLanguageModel.LanguageModelFileName), false, new UTF8Encoding(false)))
        {
            model.WriteArpa(writer);
        }

        var words = model.Vocabulary.Where(w => w != TrigramLanguageModel.SentenceEnd).Order(StringComparer.Ordinal).ToList();
        await WriteDictionaryAsync(Path.Combine(scratch, DomainLanguageModel.DictionaryFileName), words, baseDictionary, guessed).ConfigureAwait(false);
        await WriteDictionaryAsync(
            Path.Combine(scratch, DomainLanguageModel.ExtraDictionaryFileName), guessed.Keys.Order(StringComparer.Ordinal), baseDictionary, guessed).ConfigureAwait(false);
        var info = new BuildInfo(words.Count, guessed.Count, skipped, model.BigramCount, model.TrigramCount);
        await File.WriteAllTextAsync(Path.Combine(scratch, InfoFileName), JsonSerializer.Serialize(info), cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.Move(scratch, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            // Another process built the same model meanwhile; theirs is identical.
            Directory.Delete(scratch, recursive: true);
        }

        return ToModel(folder, info, fromCache: false);
    }

    /// <summary>Document words that occur often, alone or as pairs of content words, to fill question templates.</summary>
    private IEnumerable<string> FrequentPhrases(List<IReadOnlyList<string>> sentences)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            for (var i = 0; i < sentence.Count; i++)
            {
                if (StopWords.Contains(sentence[i]) || sentence[i].Length < 3)
                {
                    continue;
                }

                counts[sentence[i]] = counts.GetValueOrDefault(sentence[i]) + 1;
                if (i + 1 < sentence.Count && !StopWords.Contains(sentence[i + 1]) && sentence[i + 1].Length >= 3)
                {
                    var pair = sentence[i] + " " + sentence[i + 1];
                    // Pairs count double: "filter light" is a better slot filler than "filter" alone.
                    counts[pair] = counts.GetValueOrDefault(pair) + 2;
                }
            }
        }

        return counts.Where(x => x.Value >= 3)
            .OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Take(_options.TemplatePhraseCount)
            .Select(x => x.Key);
    }

    private async Task<Dictionary<string, string>> GuessMissingAsync(IEnumerable<string> words, CancellationToken cancellationToken)
    {
        var guesser = new PronunciationGuesser();
        var guessed = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        if (!guesser.IsAvailable)
        {
            return [];
        }

        await Parallel.ForEachAsync(
            words,
            new ParallelOptions { MaxDegreeOfParallelism = _options.PronunciationParallelism, CancellationToken = cancellationToken },
            async (word, ct) =>
            {
                var phones = await guesser.GuessAsync(word, ct).ConfigureAwait(false);
                if (phones is not null)
                {
                    guessed[word] = phones;
                }
            }).ConfigureAwait(false);
        return new Dictionary<string, string>(guessed, StringComparer.Ordinal);
    }

    /// <summary>Splits sentences at words without a pronunciation, so the model never predicts them.</summary>
    private static IEnumerable<WeightedSentence> WithoutSkipped(IEnumerable<IReadOnlyList<string>> sentences, HashSet<string> skipped, double weight)
    {
        foreach (var sentence in sentences)
        {
            var run = new List<string>();
            foreach (var word in sentence)
            {
                if (skipped.Contains(word))
                {
                    if (run.Count > 0)
                    {
                        yield return new WeightedSentence(run, weight);
                    }

                    run = [];
                }
                else
                {
                    run.Add(word);
                }
            }

            if (run.Count > 0)
            {
                yield return new WeightedSentence(run, weight);
            }
        }
    }

    /// <summary>Word → every pronunciation line ("word PHONES", "word(2) PHONES") of the base dictionary.</summary>
    private static Dictionary<string, List<string>> LoadDictionary(string path)
    {
        var dictionary = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (word, phones) in CmuDictionary.ReadEntries(path))
        {
            var baseWord = CmuDictionary.BaseWord(word);
            if (!dictionary.TryGetValue(baseWord, out var variants))
            {
                variants = [];
                dictionary[baseWord] = variants;
            }

            variants.Add(phones);
        }

        return dictionary;
    }

    private static async Task WriteDictionaryAsync(
        string path, IEnumerable<string> words, Dictionary<string, List<string>> baseDictionary, Dictionary<string, string> guessed)
    {
        var builder = new StringBuilder();
        foreach (var word in words)
        {
            if (baseDictionary.TryGetValue(word, out var variants))
            {
                for (var i = 0; i < variants.Count; i++)
                {
                    builder.Append(i == 0 ? word : string.Create(CultureInfo.InvariantCulture, $"{word}({i + 1})")).Append(' ').Append(variants[i]).Append('\n');
                }
            }
            else if (guessed.TryGetValue(word, out var phones))
            {
                builder.Append(word).Append(' ').Append(phones).Append('\n');
            }
        }

        await File.WriteAllTextAsync(path, builder.ToString(), new UTF8Encoding(false)).ConfigureAwait(false);
    }

    private string CacheKey(List<string> documents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"v{FormatVersion}|{_options.DocumentWeight}|{_options.GenericQuestionWeight}|{_options.TemplateQuestionWeight}|{_options.TemplatePhraseCount}|{_options.BaseDictionaryPath}|{new FileInfo(_options.BaseDictionaryPath).Length}")));
        foreach (var document in documents)
        {
            hash.AppendData(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static DomainLanguageModel? TryLoadCached(string folder)
    {
        var infoPath = Path.Combine(folder, InfoFileName);
        if (!File.Exists(infoPath))
        {
            return null;
        }

        var info = JsonSerializer.Deserialize<BuildInfo>(File.ReadAllText(infoPath));
        return info is null ? null : ToModel(folder, info, fromCache: true);
    }

    private static DomainLanguageModel ToModel(string folder, BuildInfo info, bool fromCache) => new(
        folder,
        Path.Combine(folder, DomainLanguageModel.LanguageModelFileName),
        Path.Combine(folder, DomainLanguageModel.DictionaryFileName),
        Path.Combine(folder, DomainLanguageModel.ExtraDictionaryFileName),
        info.VocabularySize,
        info.GuessedPronunciationCount,
        info.SkippedWords,
        fromCache);

    private sealed record BuildInfo(int VocabularySize, int GuessedPronunciationCount, IReadOnlyList<string> SkippedWords, int BigramCount, int TrigramCount);
}
