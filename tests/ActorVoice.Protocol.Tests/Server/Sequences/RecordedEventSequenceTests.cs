using System.Text.Json;
using ActorVoice.Protocol.Tests.Schema;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.Server.Sequences;

/// <summary>
/// One recorded flow per kind of turn, over a real loopback WebSocket to a real local server: the order of the server
/// events (deltas aside) must be the documented one (../shared/reference/realtime-protocol.md §3.1, §4.1, §4.4, §5),
/// every event must carry the keys the service sends, nulls included (<see cref="DocumentedEventShapes"/>), chain its
/// items through <c>previous_item_id</c>, and match OpenAI's schemas.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RecordedEventSequenceTests(LocalServerFixture server) : IClassFixture<LocalServerFixture>
{
    private const string SpokenResponseTail =
        "response.created response.output_item.added conversation.item.added response.content_part.added "
        + "response.output_audio.done response.output_audio_transcript.done response.content_part.done "
        + "response.output_item.done conversation.item.done response.done";

    private const string LookupTool =
        """[{"type":"function","name":"lookup","description":"Looks the question up.","parameters":{"type":"object","properties":{"question":{"type":"string"}},"required":["question"]}}]""";

    [Fact]
    public async Task A_user_audio_turn_should_follow_the_documented_sequence_with_a_null_transcript_until_it_is_known()
    {
        await using var client = await ConnectAsync(
            """{"type":"session.update","session":{"type":"realtime","output_modalities":["audio"],"audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":{"type":"server_vad","create_response":true}}}}}""");
        var start = client.Frames.Count;
        await SpeakAsync(client);
        await client.WaitForAsync("response.done");
        var events = Since(client, start);

        AssertSequence(
            "input_audio_buffer.speech_started input_audio_buffer.speech_stopped input_audio_buffer.committed conversation.item.added "
            + "conversation.item.input_audio_transcription.completed conversation.item.done " + SpokenResponseTail,
            events);
        // Transcription deltas stream while the user speaks (as gpt-realtime-whisper's do, §4.5) and end by completed.
        AssertDeltasBetween(events, "conversation.item.input_audio_transcription.delta", "input_audio_buffer.speech_started", "conversation.item.input_audio_transcription.completed");
        AssertResponseDeltasBetweenParts(events, "response.output_audio.delta", "response.output_audio_transcript.delta");
        AssertShapes(events);

        var committed = Single(events, "input_audio_buffer.committed");
        var userAdded = events.First(e => Type(e) == "conversation.item.added");
        Assert.Equal(JsonValueKind.Null, committed.GetProperty("previous_item_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, userAdded.GetProperty("previous_item_id").ValueKind);
        var part = Assert.Single(userAdded.GetProperty("item").GetProperty("content").EnumerateArray());
        Assert.Equal("""{"type":"input_audio","transcript":null}""", part.GetRawText());
        var transcript = Single(events, "conversation.item.input_audio_transcription.completed").GetProperty("transcript").GetString();
        var userDone = events.First(e => Type(e) == "conversation.item.done");
        Assert.Equal(transcript, userDone.GetProperty("item").GetProperty("content")[0].GetProperty("transcript").GetString());
        var userId = userAdded.GetProperty("item").GetProperty("id").GetString();
        Assert.Equal(userId, committed.GetProperty("item_id").GetString());
        AssertAssistantFollows(events, userId);
    }

    [Fact]
    public async Task A_text_turn_should_follow_the_documented_sequence_and_chain_its_items()
    {
        await using var client = await ConnectAsync(
            """{"type":"session.update","session":{"type":"realtime","output_modalities":["text"],"audio":{"input":{"turn_detection":null}}}}""");
        var start = client.Frames.Count;
        await client.SendTextAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"How many vacation days do I get? Please answer."}]}}""");
        await client.SendTextAsync("""{"type":"response.create"}""");
        await client.WaitForAsync("response.done");
        var events = Since(client, start);

        AssertSequence(
            "conversation.item.added conversation.item.done response.created response.output_item.added conversation.item.added "
            + "response.content_part.added response.output_text.done response.content_part.done response.output_item.done conversation.item.done response.done",
            events);
        AssertResponseDeltasBetweenParts(events, "response.output_text.delta");
        AssertShapes(events);
        var userAdded = events[0];
        Assert.Equal(JsonValueKind.Null, userAdded.GetProperty("previous_item_id").ValueKind);
        Assert.Equal("""{"type":"input_text","text":"How many vacation days do I get? Please answer."}""",
            userAdded.GetProperty("item").GetProperty("content")[0].GetRawText());
        AssertAssistantFollows(events, userAdded.GetProperty("item").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_function_call_turn_should_follow_the_documented_sequence_and_speak_the_output_after_it()
    {
        await using var client = await ConnectAsync(JsonFrame.Fill(
            """{"type":"session.update","session":{"type":"realtime","tools":<0>,"tool_choice":"auto","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":{"type":"server_vad","create_response":false}}}}}""",
            LookupTool));
        await SpeakAsync(client);
        var completed = await client.WaitForAsync("conversation.item.input_audio_transcription.completed");
        var userDone = await client.WaitForAsync("conversation.item.done");
        var start = client.Frames.Count;
        await client.SendTextAsync("""{"type":"response.create"}""");
        await client.WaitForAsync("response.done");
        var call = Since(client, start);

        AssertSequence(
            "response.created response.output_item.added conversation.item.added response.function_call_arguments.done "
            + "response.output_item.done conversation.item.done response.done",
            call);
        AssertDeltasBetween(call, "response.function_call_arguments.delta", "conversation.item.added", "response.function_call_arguments.done");
        AssertShapes(call);
        var callItem = Single(call, "response.output_item.done").GetProperty("item");
        Assert.Equal("lookup", callItem.GetProperty("name").GetString());
        using (var arguments = JsonDocument.Parse(callItem.GetProperty("arguments").GetString()!))
        {
            Assert.Equal(completed.GetProperty("transcript").GetString(), arguments.RootElement.GetProperty("question").GetString());
        }

        var userId = userDone.GetProperty("item").GetProperty("id").GetString();
        Assert.Equal(userId, call.First(e => Type(e) == "conversation.item.added").GetProperty("previous_item_id").GetString());

        start = client.Frames.Count;
        await client.SendTextAsync(JsonFrame.Fill(
            """{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"<0>","output":"Twenty five days."}}""",
            callItem.GetProperty("call_id").GetString()!));
        await client.SendTextAsync("""{"type":"response.create"}""");
        await client.WaitForAsync("response.done");
        var answer = Since(client, start);

        AssertSequence("conversation.item.added conversation.item.done " + SpokenResponseTail, answer);
        AssertShapes(answer);
        Assert.Equal(callItem.GetProperty("id").GetString(), answer[0].GetProperty("previous_item_id").GetString());
        Assert.Equal("Twenty five days.", Single(answer, "response.output_audio_transcript.done").GetProperty("transcript").GetString());
        AssertAssistantFollows(answer, answer[0].GetProperty("item").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_cancelled_response_should_still_send_every_done_event_then_response_done_cancelled()
    {
        await using var client = await ConnectAsync(
            """{"type":"session.update","session":{"type":"realtime","output_modalities":["audio"],"audio":{"input":{"turn_detection":null}}}}""");
        var start = client.Frames.Count;
        var text = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"This is sentence number {i} of a long answer."));
        await client.SendTextAsync(JsonFrame.Fill(
            """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"<0>"}]}}""", text));
        await client.SendTextAsync("""{"type":"response.create"}""");
        await client.WaitForAsync("response.output_audio.delta");
        await client.SendTextAsync("""{"type":"response.cancel"}""");
        var done = await client.WaitForAsync("response.done");
        var events = Since(client, start);

        AssertSequence("conversation.item.added conversation.item.done " + SpokenResponseTail, events);
        AssertShapes(events);
        var response = done.GetProperty("response");
        Assert.Equal("cancelled", response.GetProperty("status").GetString());
        Assert.Equal("cancelled", response.GetProperty("status_details").GetProperty("type").GetString());
        Assert.Equal("client_cancelled", response.GetProperty("status_details").GetProperty("reason").GetString());
        Assert.Equal("incomplete", Single(events, "response.output_item.done").GetProperty("item").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Truncating_a_spoken_item_should_answer_truncated_and_drop_its_transcript()
    {
        await using var client = await ConnectAsync(
            """{"type":"session.update","session":{"type":"realtime","output_modalities":["audio"],"audio":{"input":{"turn_detection":null}}}}""");
        await client.SendTextAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Say something rather long, please."}]}}""");
        await client.SendTextAsync("""{"type":"response.create"}""");
        var itemId = (await client.WaitForAsync("response.done")).GetProperty("response").GetProperty("output")[0].GetProperty("id").GetString()!;
        var start = client.Frames.Count;

        await client.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.truncate","item_id":"<0>","content_index":0,"audio_end_ms":300}""", itemId));
        var truncated = await client.WaitForAsync(e => Type(e) is "conversation.item.truncated" or "error", "conversation.item.truncated");
        await client.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.retrieve","item_id":"<0>"}""", itemId));
        var retrieved = await client.WaitForAsync("conversation.item.retrieved");
        var events = Since(client, start);

        AssertSequence("conversation.item.truncated conversation.item.retrieved", events);
        AssertShapes(events);
        Assert.Equal(itemId, truncated.GetProperty("item_id").GetString());
        Assert.Equal(300, truncated.GetProperty("audio_end_ms").GetInt32());
        Assert.Equal("""{"type":"output_audio","transcript":null}""", retrieved.GetProperty("item").GetProperty("content")[0].GetRawText());
    }

    private async Task<RealtimeTestClient> ConnectAsync(string sessionUpdate)
    {
        var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");
        await client.SendTextAsync(sessionUpdate);
        var updated = await client.WaitForAsync(e => Type(e) is "session.updated" or "error", "session.updated");
        Assert.True(Type(updated) == "session.updated", updated.GetRawText());
        return client;
    }

    private static async Task SpeakAsync(RealtimeTestClient client)
    {
        foreach (var chunk in SpokenQuestion.Base64Chunks(SpokenQuestion.Load()))
        {
            await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", chunk));
        }
    }

    private static List<JsonElement> Since(RealtimeTestClient client, int start) =>
        client.Frames.Skip(start).Select(f => JsonDocument.Parse(f).RootElement.Clone()).ToList();

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    private static JsonElement Single(List<JsonElement> events, string type) => Assert.Single(events, e => Type(e) == type);

    /// <summary>The event types in order, deltas left out (they interleave and repeat), must be exactly the documented ones.</summary>
    private static void AssertSequence(string expected, List<JsonElement> events)
    {
        var actual = events.Select(Type).Where(t => !t!.EndsWith(".delta", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), actual);
    }

    /// <summary>At least one <paramref name="delta"/>, all after <paramref name="after"/> and before <paramref name="before"/>.</summary>
    private static void AssertDeltasBetween(List<JsonElement> events, string delta, string after, string before)
    {
        var types = events.Select(Type).ToList();
        var positions = Enumerable.Range(0, types.Count).Where(i => types[i] == delta).ToList();
        Assert.NotEmpty(positions);
        Assert.True(positions.Min() > types.IndexOf(after) && positions.Max() < types.IndexOf(before), $"{delta} outside {after} … {before}: {string.Join(", ", types)}");
    }

    private static void AssertResponseDeltasBetweenParts(List<JsonElement> events, params string[] deltas)
    {
        foreach (var delta in deltas)
        {
            AssertDeltasBetween(events, delta, "response.content_part.added", "response.content_part.done");
        }
    }

    /// <summary>The assistant item the response adds comes right after <paramref name="previousId"/>, in added and done.</summary>
    private static void AssertAssistantFollows(List<JsonElement> events, string? previousId)
    {
        var responseItemId = Single(events, "response.output_item.added").GetProperty("item").GetProperty("id").GetString();
        var itemEvents = events.Where(e => Type(e) is "conversation.item.added" or "conversation.item.done"
            && e.GetProperty("item").GetProperty("id").GetString() == responseItemId).ToList();
        Assert.Equal(2, itemEvents.Count);
        Assert.All(itemEvents, e => Assert.Equal(previousId, e.GetProperty("previous_item_id").GetString()));
        Assert.Empty(itemEvents[0].GetProperty("item").GetProperty("content").EnumerateArray());
        Assert.Equal("in_progress", itemEvents[0].GetProperty("item").GetProperty("status").GetString());
    }

    private static void AssertShapes(List<JsonElement> events)
    {
        var violations = events.SelectMany(DocumentedEventShapes.Violations).ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        var validator = RealtimeSchemaValidator.Instance;
        var results = events.Select(e => (e.GetRawText(), validator.ValidateServerEvent(e.GetRawText()))).ToList();
        Assert.True(results.All(r => r.Item2.Count == 0), RealtimeSchemaValidator.Describe(results));
    }
}
