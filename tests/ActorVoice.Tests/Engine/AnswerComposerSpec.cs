using ActorVoice.Engine.Answers;
using ActorVoice.Engine.Configuration;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Tests.Engine;

public class AnswerComposerSpec
{
    private static SearchHit Hit(string document, string heading, string text, double score = 1) =>
        new(new DocumentChunk(document, 0, heading, text, 0, text.Length), score);

    [Fact]
    public void Answer_should_quote_the_sentences_that_match_the_question_and_name_the_source()
    {
        var text = "## Filters\nThe Aero X2 uses a three-layer filter. Replace the HEPA filter every twelve months. " +
                   "The pre-filter can be washed with water.\n- Order filters from the app.";
        var answer = AnswerComposer.Compose(
            "how often should i replace the filter",
            [Hit("support/filter-replacement.md", "Filter Replacement > Filters", text)],
            EngineSettings.Reference.Answer with { MaxSentences = 1, MaxChars = 300 });

        Assert.NotNull(answer);
        Assert.Equal("support/filter-replacement.md", answer.Document);
        Assert.Equal("From Filter Replacement: Replace the HEPA filter every twelve months.", answer.Text);
    }

    [Fact]
    public void Answer_should_strip_markdown_and_keep_sentences_in_document_order()
    {
        var text = "Every employee gets **twenty-two** vacation days.\n\n1. Ask your manager.\n2. Book the days in the portal.";
        var answer = AnswerComposer.Compose("how many vacation days do employees get and how do i book days",
            [Hit("handbook/vacation.md", "Vacation", text)],
            EngineSettings.Reference.Answer with { MaxSentences = 2, MaxChars = 300 });

        Assert.NotNull(answer);
        Assert.Equal("From Vacation: Every employee gets twenty-two vacation days. Book the days in the portal.", answer.Text);
    }

    [Fact]
    public void Answer_should_respect_the_length_limit()
    {
        var longSentence = string.Join(' ', Enumerable.Repeat("the warranty covers parts and labour", 30)) + ".";
        var answer = AnswerComposer.Compose("warranty", [Hit("w.md", "Warranty", longSentence)], EngineSettings.Reference.Answer with { MaxSentences = 2, MaxChars = 120 });
        Assert.NotNull(answer);
        Assert.True(answer.Text.Length <= 121, $"answer of {answer.Text.Length} chars");
    }

    [Fact]
    public void No_hits_should_give_no_answer() =>
        Assert.Null(AnswerComposer.Compose("anything", Array.Empty<SearchHit>(), EngineSettings.Reference.Answer));

    [Fact]
    public void A_best_hit_sharing_no_content_word_with_the_question_should_give_no_answer()
    {
        var hit = Hit("handbook/vacation.md", "Vacation and Paid Leave", "Every full-time employee gets twenty-two paid vacation days.");
        Assert.Null(AnswerComposer.Compose("what is the capital of france", [hit], EngineSettings.Reference.Answer));
        Assert.NotNull(AnswerComposer.Compose("how much paid leave is there", [hit], EngineSettings.Reference.Answer));
    }

    [Fact]
    public void Source_name_should_fall_back_to_the_file_name_without_a_heading() =>
        Assert.Equal("night mode document", AnswerComposer.SourceName(new DocumentChunk("support/night-mode.md", 0, "", "x", 0, 1)));
}
