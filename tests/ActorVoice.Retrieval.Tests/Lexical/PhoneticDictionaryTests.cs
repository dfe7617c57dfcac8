using ActorVoice.Retrieval.Lexical;
using ActorVoice.Text.Pronunciation;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Lexical;

public sealed class PhoneticDictionaryTests
{
    [Fact]
    public void Reduce_should_merge_voicing_drop_stress_and_collapse_vowels()
    {
        // "vacation": V EY0 K EY1 SH AH0 N
        Assert.Equal("fakaxan", PhoneticDictionary.Reduce(["V", "EY0", "K", "EY1", "SH", "AH0", "N"]));
        // "bad" and "pat" sound alike after merging voiced and unvoiced stops.
        Assert.Equal(PhoneticDictionary.Reduce(["B", "AE1", "D"]), PhoneticDictionary.Reduce(["P", "AE1", "T"]));
    }

    [Fact]
    public void Load_should_read_variants_and_skip_comments()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, [";;; comment", "read R EH1 D", "read(2) R IY1 D", "carry K AE1 R IY0", "carrie K AE1 R IY0", "broken"]);

            var dictionary = PhoneticDictionary.Load(path);

            Assert.Equal(3, dictionary.WordCount);
            Assert.Equal(["rat"], dictionary.CodesOf("read"));
            Assert.Equal(dictionary.CodesOf("carry"), dictionary.CodesOf("carrie"));
            Assert.Empty(dictionary.CodesOf("unknown"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Filter_should_fall_back_to_trigrams_for_unknown_words_and_keep_numbers()
    {
        var (grams, gramType) = PhoneticCodeFilter.Encode("zork", PhoneticDictionary.Empty);
        var (number, numberType) = PhoneticCodeFilter.Encode("2024", PhoneticDictionary.Empty);

        Assert.Equal(["~^zo", "~zor", "~ork", "~rk$"], grams);
        Assert.Equal(PhoneticCodeFilter.NGramType, gramType);
        Assert.Equal(["=2024"], number);
        Assert.Equal(PhoneticCodeFilter.LiteralType, numberType);
    }

    [Fact]
    public void Pocketsphinx_dictionary_should_give_sound_alikes_the_same_code()
    {
        if (!File.Exists(CmuDictionary.PocketsphinxDefaultPath))
        {
            Assert.Fail($"The CMU dictionary is expected at {CmuDictionary.PocketsphinxDefaultPath} (package pocketsphinx-en-us).");
        }

        var dictionary = PhoneticDictionary.LoadOrEmpty(CmuDictionary.PocketsphinxDefaultPath);

        Assert.True(dictionary.WordCount > 100_000);
        Assert.Equal(dictionary.CodesOf("carry")[0], dictionary.CodesOf("carrie")[0]);
        Assert.Equal(dictionary.CodesOf("leave")[0], dictionary.CodesOf("leaf")[0]);
        Assert.NotEqual(dictionary.CodesOf("vacation")[0], dictionary.CodesOf("password")[0]);
    }

    [Fact]
    public void Analyzer_should_join_adjacent_words_so_split_words_match_the_whole_word()
    {
        Assert.True(File.Exists(CmuDictionary.PocketsphinxDefaultPath), "pocketsphinx-en-us provides the CMU dictionary");
        using var analyzer = new PhoneticAnalyzer(PhoneticDictionary.LoadOrEmpty(CmuDictionary.PocketsphinxDefaultPath));

        var whole = Tokens(analyzer, "warranty");
        var split = Tokens(analyzer, "war anti");
        var acrossStopWord = Tokens(analyzer, "war the anti");

        Assert.Contains(whole[0], split);
        Assert.DoesNotContain(whole[0], acrossStopWord);
        Assert.Equal("paswart", PhoneticCodeFilter.Join("pas", "wart"));
        Assert.Equal("wafa", PhoneticCodeFilter.Join("waf", "a"));
        Assert.Equal("tasan", PhoneticCodeFilter.Join("tas", "san"));
    }

    private static List<string> Tokens(Lucene.Net.Analysis.Analyzer analyzer, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream(LexicalFields.Phonetic, new StringReader(text));
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }
}
