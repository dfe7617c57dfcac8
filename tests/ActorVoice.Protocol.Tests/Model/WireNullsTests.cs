using System.Text.Json;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Serialization;

namespace ActorVoice.Protocol.Tests.Model;

/// <summary>
/// The nulls OpenAI's service writes, and only those: audio content parts always carry <c>transcript</c>, item events
/// always carry <c>previous_item_id</c>; text parts and the client's own events still leave nulls out.
/// </summary>
public sealed class WireNullsTests
{
    [Fact]
    public void A_user_audio_item_event_should_carry_a_null_transcript_and_a_null_previous_item_id()
    {
        var item = new ConversationItem(ConversationItem.Message) { Id = "item_1", Role = "user", Content = [new ContentPart(ContentPart.InputAudio)] };

        var json = RealtimeJson.Serialize(new ConversationItemAdded(item) { EventId = "event_1" });

        Assert.StartsWith("""{"type":"conversation.item.added","event_id":"event_1",""", json, StringComparison.Ordinal);
        Assert.Contains("\"previous_item_id\":null", json, StringComparison.Ordinal);
        Assert.Contains("""{"type":"input_audio","transcript":null}""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committed_event_should_carry_a_null_previous_item_id()
    {
        Assert.Contains("\"previous_item_id\":null", RealtimeJson.Serialize(new InputAudioBufferCommitted("item_1")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_part_and_a_client_item_create_should_still_leave_nulls_out()
    {
        var json = RealtimeJson.Serialize(new ConversationItemCreate(ConversationItem.TextMessage("system", "Context.")));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.False(root.TryGetProperty("previous_item_id", out _), json);
        Assert.False(root.TryGetProperty("event_id", out _), json);
        Assert.Equal("""{"type":"input_text","text":"Context."}""", root.GetProperty("item").GetProperty("content")[0].GetRawText());
    }
}
