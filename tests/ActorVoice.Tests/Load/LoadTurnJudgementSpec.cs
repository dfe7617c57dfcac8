using System.Text.Json;
using ActorVoice.Cli.Load;

namespace ActorVoice.Tests.Load;

/// <summary>bench load counts a turn as answered from the right document only when its first source is the question's.</summary>
public sealed class LoadTurnJudgementSpec
{
    private static JsonElement Completed(string sources) =>
        JsonDocument.Parse($$"""{"type":"turn.completed","turn":1,"outcome":"answered","sources":{{sources}}}""").RootElement;

    [Fact]
    public void The_first_source_being_the_questions_document_should_count()
    {
        Assert.True(LoadClient.FromDocument(Completed("""[{"document":"handbook/vacation.md","score":0.9},{"document":"it/vpn.md","score":0.2}]"""), "handbook/vacation.md"));
    }

    [Theory]
    [InlineData("""[{"document":"it/vpn.md","score":0.9},{"document":"handbook/vacation.md","score":0.5}]""")]
    [InlineData("[]")]
    [InlineData("null")]
    public void Another_first_source_or_none_should_not_count(string sources)
    {
        Assert.False(LoadClient.FromDocument(Completed(sources), "handbook/vacation.md"));
    }

    [Fact]
    public void A_question_without_a_known_document_should_never_count()
    {
        Assert.False(LoadClient.FromDocument(Completed("""[{"document":"handbook/vacation.md","score":0.9}]"""), null));
    }
}
