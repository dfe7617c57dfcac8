using ActorVoice.LocalServer.Sessions.Conversation;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Protocol.Tests.Server.Sessions;

/// <summary>What the local server speaks for a conversation item.</summary>
public sealed class ItemTextTests
{
    [Theory]
    [InlineData("""{"answer":"The answer.","passages":[{"text":"A passage."}]}""", "The answer.")]
    [InlineData("""{"passages":[{"text":"First passage."},{"text":"Second."}]}""", "First passage.")]
    [InlineData("""{"passages":[]}""", """{"passages":[]}""")]
    [InlineData("""{"answer":3}""", """{"answer":3}""")]
    [InlineData("""["a"]""", """["a"]""")]
    [InlineData("not json at all.", "not json at all.")]
    [InlineData("", "")]
    public void A_tool_output_should_be_spoken_as_its_answer_else_its_first_passage_else_raw(string output, string expected)
    {
        Assert.Equal(expected, ItemText.OfToolOutput(output));
    }

    [Fact]
    public void A_message_should_be_spoken_as_its_first_non_blank_text_or_transcript()
    {
        var item = new ConversationItem(ConversationItem.Message)
        {
            Content = [new ContentPart(ContentPart.InputText) { Text = " " }, new ContentPart(ContentPart.InputAudio) { Transcript = "Heard." }],
        };

        Assert.Equal("Heard.", ItemText.Of(item));
    }

    [Fact]
    public void The_last_input_item_with_text_should_win()
    {
        ConversationItem[] input =
        [
            new(ConversationItem.Message) { Content = [new ContentPart(ContentPart.InputText) { Text = "First." }] },
            new(ConversationItem.FunctionCallOutput) { CallId = "call_1", Output = """{"answer":"Second."}""" },
            new(ConversationItem.Message) { Content = [] },
        ];

        Assert.Equal("Second.", ItemText.LastOf(input));
        Assert.Null(ItemText.LastOf(null));
    }
}
