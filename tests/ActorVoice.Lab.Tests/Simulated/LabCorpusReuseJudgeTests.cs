using Xunit;
using ActorVoice.Engine.Configuration;
using ActorVoice.Lab.Runners.Simulated;

namespace ActorVoice.Lab.Tests.Simulated;

public class LabCorpusReuseJudgeTests
{
    private static readonly Dictionary<string, string[]> TopDocuments = new(StringComparer.Ordinal)
    {
        ["how many vacation days"] = ["vacation.md", "leave.md", "benefits.md"],
        ["how many vacation days do new employees get"] = ["vacation.md", "leave.md", "onboarding.md"],
        ["how do i reset the filter light"] = ["filter.md", "error-codes.md", "cleaning.md"],
    };

    private static LabCorpusReuseJudge Judge() => new(
        text => TopDocuments.TryGetValue(text, out var docs) ? docs : [],
        EngineSettings.Reference.Speculation.Judge with { TopK = 3, MinOverlap = 0.5 });

    [Fact]
    public void A_prefix_that_retrieves_the_same_top_documents_answers_the_final_question()
    {
        var judge = Judge();
        Assert.True(judge.RunsInline);
        Assert.True(judge.Answers(judge.Understand("how many vacation days"), judge.Understand("how many vacation days do new employees get")));
    }

    [Fact]
    public void A_text_about_another_document_does_not_answer_the_question()
    {
        var judge = Judge();
        Assert.False(judge.Answers(judge.Understand("how many vacation days"), judge.Understand("how do i reset the filter light")));
    }

    [Fact]
    public void Without_documents_only_the_same_content_words_answer()
    {
        var judge = Judge();
        Assert.True(judge.Answers(judge.Understand("printer toner"), judge.Understand("the printer toner")));
        Assert.False(judge.Answers(judge.Understand("printer toner"), judge.Understand("printer paper")));
    }
}
