using ActorVoice.Speech.LanguageModels;
using ActorVoice.Speech.Recognition;
using ActorVoice.Text.Pronunciation;

namespace ActorVoice.Speech.Tests.LanguageModels;

public sealed class DomainLanguageModelTests : IClassFixture<DomainLanguageModelFixture>
{
    private readonly DomainLanguageModel _model;

    public DomainLanguageModelTests(DomainLanguageModelFixture fixture)
    {
        _model = fixture.Model;
    }

    [Fact]
    public void Builder_should_write_an_arpa_file_whose_header_matches_its_sections()
    {
        var arpa = ArpaFile.Read(_model.LanguageModelPath);

        Assert.Equal([1, 2, 3], arpa.DeclaredCounts.Keys.Order());
        foreach (var (order, count) in arpa.DeclaredCounts)
        {
            Assert.Equal(count, arpa.Sections[order].Count);
        }

        Assert.All(arpa.Sections.Values.SelectMany(s => s), entry => Assert.True(entry.LogProb <= 0, $"log10 P > 0 for {string.Join(' ', entry.Words)}"));
        Assert.All(arpa.Sections.Values.SelectMany(s => s), entry => Assert.True(entry.Backoff is null or <= 0));
        Assert.Contains(arpa.Sections[1], e => e.Words[0] == "<s>");
        Assert.Contains(arpa.Sections[1], e => e.Words[0] == "</s>");
    }

    [Fact]
    public void Builder_should_cover_every_model_word_in_its_dictionary_including_domain_words()
    {
        var arpa = ArpaFile.Read(_model.LanguageModelPath);
        var dictionary = CmuDictionary.ReadWords(_model.DictionaryPath);

        var modelWords = arpa.Sections[1].Select(e => e.Words[0]).Where(w => w is not "<s>" and not "</s>");
        Assert.All(modelWords, w => Assert.Contains(w, dictionary));
        Assert.Contains("purifier", dictionary);
        Assert.Contains("parental", dictionary);
        // Not in cmudict: pronounced by flite's letter-to-sound rules.
        Assert.Contains("northwind", dictionary);
        Assert.Contains("northwind", CmuDictionary.ReadWords(_model.ExtraDictionaryPath));
    }

    [Fact]
    public void Builder_should_include_generic_question_phrases()
    {
        var bigrams = ArpaFile.Read(_model.LanguageModelPath).Sections[2].Select(e => string.Join(' ', e.Words)).ToHashSet();

        Assert.Contains("<s> how", bigrams);
        Assert.Contains("how many", bigrams);
        Assert.Contains("do i", bigrams);
    }

    [Fact]
    public async Task Builder_should_reuse_the_cache_for_the_same_texts_and_rebuild_for_changed_texts()
    {
        var cache = Path.Combine(Path.GetTempPath(), "actorvoice-speech-tests", "cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = await DomainLanguageModel.BuildAsync(["The filter lasts six months."], cache);
            var again = await DomainLanguageModel.BuildAsync(["The filter lasts six months."], cache);
            var changed = await DomainLanguageModel.BuildAsync(["The filter lasts twelve months."], cache);

            Assert.False(first.FromCache);
            Assert.True(again.FromCache);
            Assert.Equal(first.LanguageModelPath, again.LanguageModelPath);
            Assert.NotEqual(first.LanguageModelPath, changed.LanguageModelPath);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task Builder_should_reject_a_missing_documents_folder_and_empty_input()
    {
        var missing = await Assert.ThrowsAsync<DirectoryNotFoundException>(
            () => DomainLanguageModel.BuildFromFolderAsync("/nonexistent/docs", RepositoryPaths.LanguageModelCache));
        Assert.Contains("/nonexistent/docs", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => DomainLanguageModel.BuildAsync([], RepositoryPaths.LanguageModelCache));
    }

    [Fact]
    public void Domain_model_should_load_in_pocketsphinx_alone_and_interpolated()
    {
        using var alone = new PocketsphinxRecognizer(_model.ToOptions());
        using var mixed = new PocketsphinxRecognizer(_model.ToInterpolatedOptions(0.7));

        Assert.Equal("", alone.Recognize(new short[8000]).Trim());
        Assert.True(mixed.ExtraWordsAdded > 0, "no domain words were added to the generic dictionary");
    }
}
