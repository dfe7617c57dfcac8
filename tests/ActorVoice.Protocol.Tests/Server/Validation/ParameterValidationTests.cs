using System.Text.Json;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.Server.Validation;

/// <summary>
/// Every session and response parameter the local server accepts is checked for type and range as OpenAI's service
/// does: an invalid one gets an <c>invalid_request_error</c> naming the <c>param</c>, no <c>session.updated</c> (or
/// no response), and the session keeps its configuration. Runs over a real server on a loopback WebSocket.
/// </summary>
public sealed class ParameterValidationTests(LocalServerFixture server) : IClassFixture<LocalServerFixture>
{
    /// <summary>An invalid <c>session</c> fragment (merged into <c>{"type":"realtime", ...}</c>), the param and code OpenAI names.</summary>
    public static TheoryData<string, string, string> InvalidSessions => new()
    {
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","threshold":7}}} """, "session.audio.input.turn_detection.threshold", "decimal_above_max_value" },
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","threshold":-0.1}}} """, "session.audio.input.turn_detection.threshold", "decimal_below_min_value" },
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","threshold":"high"}}} """, "session.audio.input.turn_detection.threshold", "invalid_type" },
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","prefix_padding_ms":-1}}} """, "session.audio.input.turn_detection.prefix_padding_ms", "integer_below_min_value" },
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","prefix_padding_ms":300.5}}} """, "session.audio.input.turn_detection.prefix_padding_ms", "invalid_type" },
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","silence_duration_ms":-200}}} """, "session.audio.input.turn_detection.silence_duration_ms", "integer_below_min_value" },
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","silence_duration_ms":"500"}}} """, "session.audio.input.turn_detection.silence_duration_ms", "invalid_type" },
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","idle_timeout_ms":1000}}} """, "session.audio.input.turn_detection.idle_timeout_ms", "integer_below_min_value" },
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","idle_timeout_ms":60000}}} """, "session.audio.input.turn_detection.idle_timeout_ms", "integer_above_max_value" },
        { """ "audio":{"input":{"turn_detection":{"type":"semantic_vad","eagerness":"eager"}}} """, "session.audio.input.turn_detection.eagerness", "invalid_value" },
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","create_response":"yes"}}} """, "session.audio.input.turn_detection.create_response", "invalid_type" },
        { """ "audio":{"input":{"turn_detection":{"type":"server_vad","interrupt_response":1}}} """, "session.audio.input.turn_detection.interrupt_response", "invalid_type" },
        { """ "audio":{"input":{"turn_detection":{"type":"magic_vad"}}} """, "session.audio.input.turn_detection.type", "invalid_value" },
        { """ "audio":{"input":{"turn_detection":"server_vad"}} """, "session.audio.input.turn_detection", "invalid_type" },
        { """ "audio":{"input":{"format":{"type":"audio/pcm","rate":16000}}} """, "session.audio.input.format", "invalid_value" },
        { """ "audio":{"input":{"format":{"type":"audio/opus"}}} """, "session.audio.input.format", "invalid_value" },
        { """ "audio":{"output":{"format":{"type":"audio/pcm","rate":48000}}} """, "session.audio.output.format", "invalid_value" },
        { """ "audio":{"output":{"format":{"type":"audio/wav"}}} """, "session.audio.output.format", "invalid_value" },
        { """ "audio":{"output":{"voice":"darth"}} """, "session.audio.output.voice", "invalid_value" },
        { """ "audio":{"output":{"voice":42}} """, "session.audio.output.voice", "invalid_type" },
        { """ "audio":{"output":{"voice":{"id":"voice_1234"}}} """, "session.audio.output.voice", "invalid_value" },
        { """ "audio":{"input":{"turn_detection":{"threshold":0.3}}} """, "session.audio.input.turn_detection.type", "missing_required_parameter" },
        { """ "audio":{"output":{"speed":3}} """, "session.audio.output.speed", "decimal_above_max_value" },
        { """ "audio":{"output":{"speed":0.1}} """, "session.audio.output.speed", "decimal_below_min_value" },
        { """ "audio":{"input":{"transcription":{"model":"whisper-9"}}} """, "session.audio.input.transcription.model", "invalid_value" },
        { """ "audio":{"input":{"transcription":{"model":"whisper-1","language":7}}} """, "session.audio.input.transcription.language", "invalid_type" },
        { """ "audio":{"input":{"transcription":{"model":"gpt-realtime-whisper","delay":"forever"}}} """, "session.audio.input.transcription.delay", "invalid_value" },
        { """ "audio":{"input":{"noise_reduction":{"type":"mid_field"}}} """, "session.audio.input.noise_reduction.type", "invalid_value" },
        { """ "output_modalities":["video"] """, "session.output_modalities", "invalid_value" },
        { """ "output_modalities":["audio","text"] """, "session.output_modalities", "invalid_value" },
        { """ "output_modalities":"audio" """, "session.output_modalities", "invalid_type" },
        { """ "instructions":7 """, "session.instructions", "invalid_type" },
        { """ "tools":{"type":"function"} """, "session.tools", "invalid_type" },
        { """ "tools":[{"name":"lookup"}] """, "session.tools[0].type", "missing_required_parameter" },
        { """ "tools":[{"type":"retrieval","name":"lookup"}] """, "session.tools[0].type", "invalid_value" },
        { """ "tools":[{"type":"function"}] """, "session.tools[0].name", "missing_required_parameter" },
        { """ "tools":[{"type":"function","name":"look up!"}] """, "session.tools[0].name", "invalid_value" },
        { """ "tools":[{"type":"function","name":"lookup","parameters":"{}"}] """, "session.tools[0].parameters", "invalid_type" },
        { """ "tools":[{"type":"function","name":"ok"},{"type":"function","name":"lookup","description":5}] """, "session.tools[1].description", "invalid_type" },
        { """ "tools":[{"type":"mcp"}] """, "session.tools[0].server_label", "missing_required_parameter" },
        { """ "tool_choice":"sometimes" """, "session.tool_choice", "invalid_value" },
        { """ "tool_choice":{"type":"function"} """, "session.tool_choice.name", "missing_required_parameter" },
        { """ "max_output_tokens":0 """, "session.max_output_tokens", "integer_below_min_value" },
        { """ "max_output_tokens":5000 """, "session.max_output_tokens", "integer_above_max_value" },
        { """ "max_output_tokens":"lots" """, "session.max_output_tokens", "invalid_value" },
        { """ "temperature":0.8 """, "session.temperature", "unknown_parameter" },
        { """ "parallel_tool_calls":"true" """, "session.parallel_tool_calls", "invalid_type" },
        { """ "truncation":"sometimes" """, "session.truncation", "invalid_value" },
        { """ "truncation":{"type":"retention_ratio","retention_ratio":1.5} """, "session.truncation.retention_ratio", "decimal_above_max_value" },
        { """ "include":["item.logprobs"] """, "session.include[0]", "invalid_value" },
        { """ "tracing":"manual" """, "session.tracing", "invalid_value" },
    };

    /// <summary>An invalid <c>response</c> object of a <c>response.create</c>, the param and code.</summary>
    public static TheoryData<string, string, string> InvalidResponses => new()
    {
        { """{"output_modalities":["speech"]}""", "response.output_modalities", "invalid_value" },
        { """{"instructions":["a"]}""", "response.instructions", "invalid_type" },
        { """{"audio":{"output":{"voice":"darth"}}}""", "response.audio.output.voice", "invalid_value" },
        { """{"audio":{"output":{"format":{"type":"audio/pcm","rate":8000}}}}""", "response.audio.output.format", "invalid_value" },
        { """{"tools":[{"type":"function","name":""}]}""", "response.tools[0].name", "invalid_value" },
        { """{"tool_choice":"maybe"}""", "response.tool_choice", "invalid_value" },
        { """{"max_output_tokens":4097}""", "response.max_output_tokens", "integer_above_max_value" },
        { """{"max_output_tokens":2.5}""", "response.max_output_tokens", "invalid_type" },
        { """{"conversation":"other"}""", "response.conversation", "invalid_value" },
        { """{"metadata":{"topic":3}}""", "response.metadata.topic", "invalid_type" },
    };

    /// <summary>Valid values at and near the limits: each must be accepted (the validator must not refuse what OpenAI takes).</summary>
    public static TheoryData<string> ValidSessions => new()
    {
        """ "audio":{"input":{"turn_detection":{"type":"server_vad","threshold":1,"prefix_padding_ms":0,"silence_duration_ms":200.0,"idle_timeout_ms":5000,"create_response":false,"interrupt_response":false}}} """,
        """ "audio":{"input":{"turn_detection":{"type":"semantic_vad","eagerness":"high"}}} """,
        """ "audio":{"input":{"turn_detection":null,"noise_reduction":{"type":"far_field"},"transcription":{"model":"whisper-1","language":"en"}}} """,
        """ "audio":{"input":{"format":{"type":"audio/pcmu"}},"output":{"format":{"type":"audio/pcma"},"voice":"marin","speed":1.5}} """,
        """ "audio":{"output":{"voice":"slt"}} """,
        """ "tools":[{"type":"function","name":"search_kb","description":"Search.","parameters":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}}],"tool_choice":{"type":"function","name":"search_kb"} """,
        """ "tools":[],"tool_choice":"required","max_output_tokens":"inf","truncation":{"type":"retention_ratio","retention_ratio":0.8},"tracing":"auto","include":["item.input_audio_transcription.logprobs"] """,
        """ "output_modalities":["text"],"max_output_tokens":4096,"instructions":"" """,
    };

    [Theory]
    [MemberData(nameof(InvalidSessions))]
    public async Task An_invalid_session_parameter_should_be_refused_naming_it_and_leave_the_session_unchanged(string fragment, string param, string code)
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        var before = (await client.WaitForAsync("session.created")).GetProperty("session");
        var eventId = client.NextEventId("bad");

        await client.SendTextAsync(JsonFrame.Fill("""{"type":"session.update","event_id":"<0>","session":{"type":"realtime",<1>}}""", eventId, fragment));
        var reply = await client.WaitForAsync(e => e.GetProperty("type").GetString() is "session.updated" or "error", "error");

        AssertRefused(reply, eventId, param, code);
        var after = await UnchangedSessionAsync(client);
        Assert.Equal(Comparable(before), Comparable(after));
    }

    [Theory]
    [MemberData(nameof(InvalidResponses))]
    public async Task An_invalid_response_parameter_should_be_refused_naming_it_and_start_no_response(string response, string param, string code)
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");
        var eventId = client.NextEventId("bad");

        await client.SendTextAsync(JsonFrame.Fill("""{"type":"response.create","event_id":"<0>","response":<1>}""", eventId, response));
        var reply = await client.WaitForAsync(e => e.GetProperty("type").GetString() is "response.created" or "error", "error");

        AssertRefused(reply, eventId, param, code);
        await client.AssertAliveAsync();
        Assert.DoesNotContain(client.Frames, f => f.Contains("\"response.created\"", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ValidSessions))]
    public async Task A_valid_session_parameter_at_its_limits_should_be_accepted(string fragment)
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");

        await client.SendTextAsync(JsonFrame.Fill("""{"type":"session.update","session":{"type":"realtime",<0>}}""", fragment));
        var reply = await client.WaitForAsync(e => e.GetProperty("type").GetString() is "session.updated" or "error", "session.updated");

        Assert.True(reply.GetProperty("type").GetString() == "session.updated", reply.ToString());
    }

    [Fact]
    public async Task A_session_refused_a_threshold_of_7_should_still_hear_speech_at_its_previous_threshold()
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");
        await client.SendTextAsync("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"server_vad","threshold":7}}}}}""");
        await client.WaitForAsync("error");

        // A spoken question: speech to a threshold of 0.5 (energy or Silero, vad.kind), never to 7 (above any level or probability).
        foreach (var chunk in SpokenQuestion.Base64Chunks(SpokenQuestion.Load()))
        {
            await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", chunk));
        }

        var started = await client.WaitForAsync("input_audio_buffer.speech_started");

        Assert.Equal("input_audio_buffer.speech_started", started.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_new_turn_detection_type_should_replace_the_old_object_instead_of_merging_into_it()
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");

        await client.SendTextAsync("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"semantic_vad"}}}}}""");
        var updated = await client.WaitForAsync(e => e.GetProperty("type").GetString() is "session.updated" or "error", "session.updated");

        var turnDetection = updated.GetProperty("session").GetProperty("audio").GetProperty("input").GetProperty("turn_detection");
        Assert.Equal("semantic_vad", turnDetection.GetProperty("type").GetString());
        Assert.False(turnDetection.TryGetProperty("threshold", out var threshold) && threshold.ValueKind != JsonValueKind.Null, turnDetection.ToString());
    }

    private static void AssertRefused(JsonElement reply, string eventId, string param, string code)
    {
        Assert.True(reply.GetProperty("type").GetString() == "error", $"expected an error naming {param}, got {reply}");
        var error = reply.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(eventId, error.GetProperty("event_id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    /// <summary>Sends an update that changes nothing and returns the session it reports: proof the session works, and its state.</summary>
    private static async Task<JsonElement> UnchangedSessionAsync(RealtimeTestClient client)
    {
        await client.SendTextAsync("""{"type":"session.update","session":{"type":"realtime"}}""");
        var next = await client.WaitForAsync(e => e.GetProperty("type").GetString() is "session.updated" or "error", "session.updated");
        Assert.True(next.GetProperty("type").GetString() == "session.updated", next.ToString());
        return next.GetProperty("session");
    }

    private static string Comparable(JsonElement session) => session.GetRawText();
}
