using ActorVoice.LocalServer.Sessions.Conversation;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Serialization;

namespace ActorVoice.Protocol.Tests.Server.Sessions;

/// <summary>The conversation of a local server session: item order and previous_item_id, truncation, and what the next response answers.</summary>
public sealed class ConversationStoreTests
{
    private static ConversationItem UserText(string id, string text) => new(ConversationItem.Message)
    {
        Id = id,
        Role = "user",
        Content = [new ContentPart(ContentPart.InputText) { Text = text }],
    };

    private static ConversationItem Assistant(string id) => new(ConversationItem.Message) { Id = id, Role = "assistant", Content = [] };

    private static ConversationItem UserAudio(string id) => new(ConversationItem.Message)
    {
        Id = id,
        Role = "user",
        Content = [new ContentPart(ContentPart.InputAudio)],
    };

    [Fact]
    public void Created_items_should_chain_each_to_the_one_before_and_be_stored_completed()
    {
        var store = new ConversationStore();

        var first = store.Create(UserText("item_a", "one"), null);
        var second = store.Create(UserText("item_b", "two"), null);
        var third = store.Create(new ConversationItem(ConversationItem.Message) { Role = "system", Content = [] }, null);

        Assert.Null(first.PreviousItemId);
        Assert.Equal("item_a", second.PreviousItemId);
        Assert.Equal("item_b", third.PreviousItemId);
        Assert.StartsWith("item_", third.Item.Id, StringComparison.Ordinal);
        Assert.Equal("completed", second.Item.Status);
        Assert.Equal("realtime.item", second.Item.Object);
        Assert.Equal(["item_a", "item_b", third.Item.Id], store.Items.Select(i => i.Id));
    }

    [Fact]
    public void Previous_item_id_should_insert_after_that_item_and_root_at_the_start()
    {
        var store = new ConversationStore();
        store.Create(UserText("item_a", "one"), null);
        store.Create(UserText("item_c", "three"), null);

        var middle = store.Create(UserText("item_b", "two"), "item_a");
        var start = store.Create(UserText("item_0", "zero"), "root");

        Assert.Equal("item_a", middle.PreviousItemId);
        Assert.Null(start.PreviousItemId);
        Assert.Equal(["item_0", "item_a", "item_b", "item_c"], store.Items.Select(i => i.Id));
    }

    [Fact]
    public void A_user_audio_turn_should_be_appended_after_the_last_item()
    {
        var store = new ConversationStore();
        store.Create(UserText("item_b", "two"), null);
        store.Create(UserText("item_a", "one"), "root");

        var previous = store.AddUserAudio(UserAudio("item_audio"));

        Assert.Equal("item_b", previous);
        Assert.Equal("item_audio", store.Items[^1].Id);
    }

    public static TheoryData<ConversationItem, string?, string, string> InvalidCreates => new()
    {
        { new ConversationItem("reasoning"), null, "invalid_value", "item.type" },
        { new ConversationItem(ConversationItem.Message) { Role = "robot", Content = [] }, null, "invalid_value", "item.role" },
        { new ConversationItem(ConversationItem.FunctionCallOutput) { Output = "{}" }, null, "missing_required_parameter", "item.call_id" },
        { UserText("item_a", "again"), null, "invalid_value", "item.id" },
        { UserText("item_b", "two"), "item_nope", "invalid_value", "previous_item_id" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public void An_invalid_create_should_name_its_param_and_store_nothing(ConversationItem item, string? previousItemId, string code, string param)
    {
        var store = new ConversationStore();
        store.Create(UserText("item_a", "one"), null);

        var error = Assert.Throws<RealtimeProtocolException>(() => store.Create(item, previousItemId));

        Assert.Equal(code, error.Code);
        Assert.Equal(param, error.Param);
        Assert.Single(store.Items);
    }

    [Fact]
    public void Truncate_should_cut_an_assistant_audio_item_and_forget_its_transcript()
    {
        var store = new ConversationStore();
        store.AddAssistant(Assistant("item_x") with { Content = [new ContentPart(ContentPart.OutputAudio) { Transcript = "Hello there." }] }, audio: true);
        store.AddAssistantAudio("item_x", 400);
        store.AddAssistantAudio("item_x", 100);

        store.Truncate("item_x", 300);

        var part = Assert.Single(store.Retrieve("item_x").Content!);
        Assert.Equal(ContentPart.OutputAudio, part.Type);
        Assert.Null(part.Transcript);
        var error = Assert.Throws<RealtimeProtocolException>(() => store.Truncate("item_x", 301));
        Assert.Equal("audio_end_ms", error.Param);
        Assert.Contains("300ms is already shorter than 301ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_should_refuse_items_that_are_not_assistant_audio()
    {
        var store = new ConversationStore();
        store.Create(UserText("item_user", "hi"), null);
        store.AddAssistant(Assistant("item_text"), audio: false);
        store.AddAssistantAudio("item_text", 500);

        Assert.Equal("unsupported_content_type", Assert.Throws<RealtimeProtocolException>(() => store.Truncate("item_user", 0)).Code);
        Assert.Equal("unsupported_content_type", Assert.Throws<RealtimeProtocolException>(() => store.Truncate("item_text", 0)).Code);
        var missing = Assert.Throws<RealtimeProtocolException>(() => store.Truncate("item_nope", 0));
        Assert.Equal(("invalid_value", "item_id"), (missing.Code, missing.Param));
    }

    [Fact]
    public void Delete_and_retrieve_should_find_items_by_id_and_name_item_id_when_missing()
    {
        var store = new ConversationStore();
        store.Create(UserText("item_a", "one"), null);

        Assert.Equal("one", store.Retrieve("item_a").Content![0].Text);
        store.Delete("item_a");

        Assert.Empty(store.Items);
        Assert.Equal("item_id", Assert.Throws<RealtimeProtocolException>(() => store.Delete("item_a")).Param);
        Assert.Equal("item_id", Assert.Throws<RealtimeProtocolException>(() => store.Retrieve("item_a")).Param);
    }

    [Fact]
    public void Replace_should_update_a_present_item_and_ignore_a_deleted_one()
    {
        var store = new ConversationStore();
        store.AddAssistant(Assistant("item_x"), audio: true);

        store.Replace(Assistant("item_x") with { Status = "completed" });
        store.Replace(Assistant("item_gone"));

        Assert.Equal("completed", Assert.Single(store.Items).Status);
    }

    [Fact]
    public void The_newest_client_text_should_be_spoken_once()
    {
        var store = new ConversationStore();
        store.Create(UserText("item_a", "First."), null);
        store.Create(new ConversationItem(ConversationItem.FunctionCallOutput) { CallId = "call_1", Output = """{"answer":"Second."}""" }, null);

        Assert.Equal("Second.", store.TakePendingClientText());
        Assert.Null(store.TakePendingClientText());
    }

    [Fact]
    public void A_user_audio_turn_should_await_an_answer_until_the_client_injects_text()
    {
        var store = new ConversationStore();
        store.Create(UserText("item_a", "Stale."), null);

        store.AddUserAudio(UserAudio("item_audio"));
        Assert.Equal("item_audio", store.UserAudioAwaitingAnswer);
        Assert.Null(store.PendingClientText);

        store.Create(new ConversationItem(ConversationItem.FunctionCall) { Id = "item_call", CallId = "call_1", Name = "search_knowledge", Arguments = "{}" }, null);
        Assert.Equal("item_audio", store.UserAudioAwaitingAnswer);

        store.Create(UserText("item_b", "Answer."), null);
        Assert.Null(store.UserAudioAwaitingAnswer);
        Assert.Equal("Answer.", store.PendingClientText);
    }

    [Fact]
    public void Taking_the_awaited_turn_should_clear_what_is_pending()
    {
        var store = new ConversationStore();
        store.AddUserAudio(UserAudio("item_audio"));

        var taken = store.TakeUserAudioAwaitingAnswer();

        Assert.Equal("item_audio", taken?.Id);
        Assert.Null(store.UserAudioAwaitingAnswer);
        Assert.Null(store.TakeUserAudioAwaitingAnswer());
    }
}
