using ActorVoice.Audio.Pcm;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.BadInput;

/// <summary>
/// The bad-input matrix: every kind of malformed or out-of-order client input the local server must answer with an
/// <c>error</c> event (type, code, param, event_id) while the session goes on.
/// </summary>
public static class BadInputMatrix
{
    private const string ManualTurns = """{"type":"realtime","audio":{"input":{"turn_detection":null}}}""";

    public static IReadOnlyList<BadInputCase> Cases { get; } =
    [
        new("malformed_json", "Frame is not JSON",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"session.update","event_id":"<0>",""", id)),
            "invalid_json", null, false),
        new("non_object_json", "Frame is a JSON array",
            (c, _) => c.SendTextAsync("""[{"type":"session.update"}]"""),
            "invalid_event", null, false),
        new("missing_type", "Object without 'type'",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"event_id":"<0>","session":{}}""", id)),
            "invalid_event", "type", true),
        new("non_string_type", "'type' is a number",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":42,"event_id":"<0>"}""", id)),
            "invalid_event", "type", true),
        new("unknown_type", "Unknown event type",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.explode","event_id":"<0>"}""", id)),
            "invalid_value", "type", true, "conversation.item.explode"),
        new("server_event_from_client", "A server event type sent by the client",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"response.done","event_id":"<0>"}""", id)),
            "invalid_value", "type", true, "server event"),
        new("missing_required_field", "conversation.item.delete without item_id",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.delete","event_id":"<0>"}""", id)),
            "missing_required_parameter", "item_id", true),
        new("wrong_field_type", "item_id is a number",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.delete","event_id":"<0>","item_id":42}""", id)),
            "invalid_type", "item_id", true),
        new("event_id_too_long", "event_id over 512 characters",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.clear","event_id":"<0><1>"}""", id, new string('x', 520))),
            "string_above_max_length", "event_id", false),
        new("invalid_base64", "append with audio that is not base64",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","event_id":"<0>","audio":"not*base64!"}""", id)),
            "invalid_value", "audio", true),
        new("odd_length_pcm16", "append with 3 bytes of PCM16",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","event_id":"<0>","audio":"<1>"}""", id, Convert.ToBase64String(new byte[3]))),
            "invalid_value", "audio", true),
        new("frame_over_limit", "Text frame larger than max-frame-bytes",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","event_id":"<0>","audio":"<1>"}""", id, new string('A', LocalServerFixture.MaxFrameBytes + 4))),
            "event_too_large", null, true),
        new("binary_frame", "A binary WebSocket frame",
            (c, _) => c.SendBinaryAsync([1, 2, 3, 4]),
            "invalid_event", null, false, "Binary"),
        new("commit_under_100ms", "Manual turns: commit 50 ms of audio",
            async (c, id) =>
            {
                await UpdateSessionAsync(c, ManualTurns);
                await c.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", Tone(50)));
                await c.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.commit","event_id":"<0>"}""", id));
            },
            "input_audio_buffer_commit_empty", null, true, "at least 100ms"),
        new("clear_then_commit", "Manual turns: 500 ms appended, cleared, then committed",
            async (c, id) =>
            {
                await UpdateSessionAsync(c, ManualTurns);
                await c.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", Tone(500)));
                await c.SendTextAsync("""{"type":"input_audio_buffer.clear"}""");
                await c.WaitForAsync("input_audio_buffer.cleared");
                await c.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.commit","event_id":"<0>"}""", id));
            },
            "input_audio_buffer_commit_empty", null, true, "0.00ms"),
        new("cancel_without_response", "response.cancel with no active response",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"response.cancel","event_id":"<0>"}""", id)),
            "response_cancel_not_active", null, true, "no active response"),
        new("second_response_create", "response.create while a response is active",
            async (c, id) =>
            {
                await AddUserTextAsync(c, LongText);
                await c.SendTextAsync("""{"type":"response.create"}""");
                await c.SendTextAsync(JsonFrame.Fill("""{"type":"response.create","event_id":"<0>"}""", id));
            },
            "conversation_already_has_active_response", null, true),
        new("truncate_unknown_item", "conversation.item.truncate of an item that does not exist",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.truncate","event_id":"<0>","item_id":"item_nope","content_index":0,"audio_end_ms":10}""", id)),
            "invalid_value", "item_id", true),
        new("truncate_user_item", "conversation.item.truncate of a user text message",
            async (c, id) =>
            {
                var itemId = await AddUserTextAsync(c, "Hello.");
                await c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.truncate","event_id":"<0>","item_id":"<1>","content_index":0,"audio_end_ms":0}""", id, itemId));
            },
            "unsupported_content_type", "item_id", true, "Only model output audio messages can be truncated"),
        new("truncate_beyond_audio", "Truncate an assistant item past the audio generated",
            async (c, id) =>
            {
                await AddUserTextAsync(c, "Short answer.");
                await c.SendTextAsync("""{"type":"response.create"}""");
                var done = await c.WaitForAsync("response.done");
                var itemId = done.GetProperty("response").GetProperty("output")[0].GetProperty("id").GetString()!;
                await c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.truncate","event_id":"<0>","item_id":"<1>","content_index":0,"audio_end_ms":600000}""", id, itemId));
            },
            "invalid_value", "audio_end_ms", true, "is already shorter than 600000ms"),
        new("delete_unknown_item", "conversation.item.delete of an item that does not exist",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.delete","event_id":"<0>","item_id":"item_nope"}""", id)),
            "invalid_value", "item_id", true),
        new("retrieve_unknown_item", "conversation.item.retrieve of an item that does not exist",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.retrieve","event_id":"<0>","item_id":"item_nope"}""", id)),
            "invalid_value", "item_id", true),
        new("session_update_without_type", "session.update whose session has no type",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"session.update","event_id":"<0>","session":{"instructions":"x"}}""", id)),
            "missing_required_parameter", "session.type", true),
        new("session_update_without_session", "session.update without a session object",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"session.update","event_id":"<0>"}""", id)),
            "missing_required_parameter", "session", true),
        new("unsupported_audio_format", "audio/pcm at 16 kHz",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"session.update","event_id":"<0>","session":{"type":"realtime","audio":{"input":{"format":{"type":"audio/pcm","rate":16000}}}}}""", id)),
            "invalid_value", "session.audio.input.format", true),
        new("invalid_turn_detection_type", "turn_detection of type 'magic_vad'",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"session.update","event_id":"<0>","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"magic_vad"}}}}}""", id)),
            "invalid_value", "session.audio.input.turn_detection.type", true),
        new("both_output_modalities", "output_modalities [\"audio\",\"text\"]",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"session.update","event_id":"<0>","session":{"type":"realtime","output_modalities":["audio","text"]}}""", id)),
            "invalid_value", "session.output_modalities", true),
        new("invalid_session_field_type", "session.instructions is a number",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"session.update","event_id":"<0>","session":{"type":"realtime","instructions":7}}""", id)),
            "invalid_type", "session.instructions", true),
        new("invalid_item_role", "conversation.item.create with role 'robot'",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.create","event_id":"<0>","item":{"type":"message","role":"robot","content":[{"type":"input_text","text":"hi"}]}}""", id)),
            "invalid_value", "item.role", true),
        new("function_output_without_call_id", "function_call_output without call_id",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.create","event_id":"<0>","item":{"type":"function_call_output","output":"{}"}}""", id)),
            "missing_required_parameter", "item.call_id", true),
        new("previous_item_unknown", "conversation.item.create after an unknown previous_item_id",
            (c, id) => c.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.create","event_id":"<0>","previous_item_id":"item_nope","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}}""", id)),
            "invalid_value", "previous_item_id", true),
    ];

    public static IEnumerable<object[]> Names => Cases.Select(c => new object[] { c.Name });

    private static string LongText => string.Join(' ', Enumerable.Repeat("This answer is long on purpose, so that it is still being spoken when the next request arrives.", 12));

    /// <summary>Base64 PCM16 24 kHz of a 440 Hz tone.</summary>
    public static string Tone(int ms)
    {
        var samples = new short[24 * ms];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 24000.0));
        }

        return Pcm16.ToBase64(samples);
    }

    private static async Task UpdateSessionAsync(RealtimeTestClient client, string session)
    {
        await client.SendTextAsync(JsonFrame.Fill("""{"type":"session.update","session":<0>}""", session));
        var reply = await client.WaitForAsync(e => e.GetProperty("type").GetString() is "session.updated" or "error", "session.updated");
        Assert.True(reply.GetProperty("type").GetString() == "session.updated", reply.ToString());
    }

    private static async Task<string> AddUserTextAsync(RealtimeTestClient client, string text)
    {
        var itemId = "item_" + Guid.NewGuid().ToString("N")[..12];
        await client.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.create","item":{"id":"<0>","type":"message","role":"user","content":[{"type":"input_text","text":"<1>"}]}}""", itemId, text));
        await client.WaitForAsync("conversation.item.done");
        return itemId;
    }
}
