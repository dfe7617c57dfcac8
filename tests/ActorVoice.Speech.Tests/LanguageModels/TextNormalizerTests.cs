using ActorVoice.Speech.LanguageModels;
using ActorVoice.Text.Normalization;

namespace ActorVoice.Speech.Tests.LanguageModels;

public sealed class TextNormalizerTests
{
    [Fact]
    public void Sentences_should_strip_markdown_and_split_headings_items_and_sentences()
    {
        var text = "# Filter care\n\n- Replace the **filter** every 6 months. See [the guide](http://x/y).\n1. Press *Reset*";

        var sentences = TextNormalizer.SpokenSentences(text).Select(s => string.Join(' ', s)).ToList();

        Assert.Equal(["filter care", "replace the filter every six months", "see the guide", "press reset"], sentences);
    }

    [Theory]
    [InlineData("22 days", "twenty two days")]
    [InlineData("13.2 days", "thirteen point two days")]
    [InlineData("60 percent", "sixty percent")]
    [InlineData("up to 1,500 euros", "up to one thousand five hundred euros")]
    [InlineData("error E5 on the X2", "error e five on the x two")]
    [InlineData("at 10:30", "at ten thirty")]
    [InlineData("it's 100% safe", "it's one hundred percent safe")]
    public void Words_should_spell_numbers_and_codes_as_spoken(string input, string expected)
    {
        Assert.Equal(expected, string.Join(' ', TextNormalizer.SpokenWords(input)));
    }

    [Fact]
    public void Words_should_join_hyphenated_words_the_dictionary_knows_and_split_the_rest()
    {
        var known = new HashSet<string> { "wifi", "full-time" };

        var words = TextNormalizer.SpokenWords("Wi-Fi for full-time twenty-two staff", known.Contains);

        Assert.Equal(["wifi", "for", "full-time", "twenty", "two", "staff"], words);
    }

    [Fact]
    public void Flite_phones_should_map_to_the_cmu_phone_set()
    {
        Assert.Equal("K AH B ER N IY T S", PronunciationGuesser.MapFlitePhones("pau k ax b er1 n iy t s pau"));
        Assert.Null(PronunciationGuesser.MapFlitePhones("pau xx pau"));
    }

    [Fact]
    public void TranscriptWords_should_lower_case_and_strip_punctuation_but_keep_numbers_and_apostrophes()
    {
        var words = TextNormalizer.TranscriptWords("How many days, in 2024, can I take? Don't-know!");

        Assert.Equal(["how", "many", "days", "in", "2024", "can", "i", "take", "don't", "know"], words);
    }

    [Fact]
    public void TranscriptWords_should_keep_digit_groups_together()
    {
        Assert.Equal(["pay", "1000", "or", "35", "percent"], TextNormalizer.TranscriptWords("Pay 1,000 or 3.5 percent."));
    }

    [Fact]
    public void Key_should_drop_punctuation_inside_words_and_collapse_whitespace()
    {
        Assert.Equal("dont reset the wifi", TextNormalizer.Key("  Don't   reset the Wi-Fi! "));
    }
}
