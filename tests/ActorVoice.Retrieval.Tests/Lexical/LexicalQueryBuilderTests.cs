using ActorVoice.Retrieval.Lexical;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Lexical;

public sealed class LexicalQueryBuilderTests
{
    private readonly LexicalQueryBuilder _builder = new(new EnglishSearchAnalyzer(), new PhoneticAnalyzer(PhoneticDictionary.Empty), 1.5f, 0.3f);

    [Theory]
    [InlineData("what's up?")]
    [InlineData("AND")]
    [InlineData("vacation AND OR NOT")]
    [InlineData("title:vacation \"unbalanced")]
    [InlineData("((( [ { ~ ^ * ? \\ / !")]
    [InlineData("carry-over days+5 -minus &&||")]
    public void Build_should_accept_any_user_text(string text)
    {
        var query = _builder.Build(text);

        Assert.True(query is null || query.ToString().Length > 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("what is the")]
    [InlineData("How do I ... ?")]
    [InlineData("?!.,")]
    public void Build_should_return_null_without_searchable_words(string text) => Assert.Null(_builder.Build(text));

    [Fact]
    public void Analysis_should_stem_and_drop_question_words()
    {
        Assert.Equal(["mani", "vacat", "dai", "carri", "over"], _builder.AnalyzeText("How many vacation days can I carry over?"));
    }

    [Fact]
    public void Build_should_search_text_heading_and_phonetic_fields()
    {
        var query = _builder.Build("vacation")!.ToString();

        Assert.Contains("text:vacat", query, StringComparison.Ordinal);
        Assert.Contains("heading:vacat^1.5", query, StringComparison.Ordinal);
        Assert.Contains("phon:", query, StringComparison.Ordinal);
    }
}
