using System.Text.Json;
using ActorVoice.Protocol.Tests.Schema;
using ActorVoice.Protocol.Tests.Support;

namespace ActorVoice.Protocol.Tests.Server;

/// <summary>
/// The local server's function-calling emulation for the <c>search_knowledge</c> tool (the engine's tool mode, offline):
/// a response asked for right after a spoken turn becomes a function call, and the tool's output is spoken next.
/// </summary>
public sealed class FunctionCallEmulationTests(LocalServerFixture server) : IClassFixture<LocalServerFixture>
{
    private const string ToolSession =
        """{"type":"session.update","session":{"type":"realtime","tools":[{"type":"function","name":"search_knowledge","description":"Searches the organisation's documents.","parameters":{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}}],"tool_choice":"auto","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":{"type":"server_vad","create_response":false}}}}}""";

    private const string PlainSession =
        """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":{"type":"server_vad","create_response":false}}}}}""";

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_response_after_a_spoken_turn_should_call_search_knowledge_and_then_speak_the_tool_answer()
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");
        await client.SendTextAsync(ToolSession);
        await client.WaitForAsync("session.updated");
        var transcript = await SpeakQuestionAsync(client);

        await client.SendTextAsync("""{"type":"response.create"}""");
        var callDone = await client.WaitForAsync("response.done");
        var callFrames = FramesOfLastResponse(client.Frames);

        var types = callFrames.Select(f => f.GetProperty("type").GetString()).ToList();
        Assert.Equal(["response.created", "response.output_item.added", "conversation.item.added"], types.Take(3));
        Assert.Equal(
            ["response.function_call_arguments.done", "response.output_item.done", "conversation.item.done", "response.done"],
            types.Skip(types.Count - 4));
        var deltas = callFrames.Where(f => f.GetProperty("type").GetString() == "response.function_call_arguments.delta").ToList();
        Assert.NotEmpty(deltas);
        Assert.Equal(types.Count - 7, deltas.Count);

        var added = callFrames[1].GetProperty("item");
        Assert.Equal("function_call", added.GetProperty("type").GetString());
        Assert.Equal("search_knowledge", added.GetProperty("name").GetString());
        Assert.Equal("in_progress", added.GetProperty("status").GetString());
        Assert.Equal(string.Empty, added.GetProperty("arguments").GetString());
        var callId = added.GetProperty("call_id").GetString()!;
        var itemId = added.GetProperty("id").GetString()!;
        Assert.StartsWith("call_", callId, StringComparison.Ordinal);

        var argumentsDone = callFrames[^4];
        var arguments = argumentsDone.GetProperty("arguments").GetString()!;
        Assert.Equal(callId, argumentsDone.GetProperty("call_id").GetString());
        Assert.Equal(itemId, argumentsDone.GetProperty("item_id").GetString());
        Assert.Equal("search_knowledge", argumentsDone.GetProperty("name").GetString());
        Assert.All(deltas, d => Assert.Equal(callId, d.GetProperty("call_id").GetString()));
        Assert.Equal(arguments, string.Concat(deltas.Select(d => d.GetProperty("delta").GetString())));
        using (var parsed = JsonDocument.Parse(arguments))
        {
            var query = parsed.RootElement.GetProperty("query").GetString()!;
            Assert.Equal(transcript, query);
            Assert.Contains("vacation", query, StringComparison.OrdinalIgnoreCase);
        }

        var itemDone = callFrames[^3].GetProperty("item");
        Assert.Equal("completed", itemDone.GetProperty("status").GetString());
        Assert.Equal(callId, itemDone.GetProperty("call_id").GetString());
        Assert.Equal(arguments, itemDone.GetProperty("arguments").GetString());
        var response = callDone.GetProperty("response");
        Assert.Equal("completed", response.GetProperty("status").GetString());
        var output = Assert.Single(response.GetProperty("output").EnumerateArray());
        Assert.Equal("function_call", output.GetProperty("type").GetString());
        Assert.Equal(callId, output.GetProperty("call_id").GetString());
        Assert.Equal(arguments, output.GetProperty("arguments").GetString());

        // The client runs the search and hands back its answer; the next response speaks it.
        await client.SendTextAsync(JsonFrame.Fill(
            """{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"<0>","output":"{\"answer\":\"Twenty two days.\"}"}}""", callId));
        await client.SendTextAsync("""{"type":"response.create"}""");
        var spoken = await client.WaitForAsync("response.output_audio_transcript.done");
        var answerDone = await client.WaitForAsync("response.done");

        Assert.Equal("Twenty two days.", spoken.GetProperty("transcript").GetString());
        Assert.Equal("completed", answerDone.GetProperty("response").GetProperty("status").GetString());
        Assert.Equal("message", answerDone.GetProperty("response").GetProperty("output")[0].GetProperty("type").GetString());
        var results = client.Frames.Select(json => (json, RealtimeSchemaValidator.Instance.ValidateServerEvent(json))).ToList();
        Assert.True(results.All(r => r.Item2.Count == 0), RealtimeSchemaValidator.Describe(results));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Without_the_tool_a_response_after_a_spoken_turn_should_speak_the_injected_text_as_before()
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");
        await client.SendTextAsync(PlainSession);
        await client.WaitForAsync("session.updated");
        await SpeakQuestionAsync(client);

        await client.SendTextAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"system","content":[{"type":"input_text","text":"Employees get twenty five vacation days."}]}}""");
        await client.SendTextAsync("""{"type":"response.create"}""");
        var spoken = await client.WaitForAsync("response.output_audio_transcript.done");
        var done = await client.WaitForAsync("response.done");

        Assert.Equal("Employees get twenty five vacation days.", spoken.GetProperty("transcript").GetString());
        Assert.Equal("message", done.GetProperty("response").GetProperty("output")[0].GetProperty("type").GetString());
        Assert.DoesNotContain(client.Frames, f => f.Contains("function_call", StringComparison.Ordinal));
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("""{"type":"function","name":"lookup","parameters":{"type":"object","properties":{"question":{"type":"string"}},"required":["question"]}}""", "lookup", "question")]
    [InlineData("""{"type":"function","name":"pair","parameters":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["a","b"]}}""", null, null)]
    [InlineData("""{"type":"function","name":"count","parameters":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}}""", null, null)]
    public async Task Any_function_with_exactly_one_required_string_parameter_should_be_called_with_the_transcript(string tool, string? calledName, string? parameter)
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");
        await client.SendTextAsync(JsonFrame.Fill(
            """{"type":"session.update","session":{"type":"realtime","tools":[<0>],"audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":{"type":"server_vad","create_response":false}}}}}""", tool));
        await client.WaitForAsync("session.updated");
        var transcript = await SpeakQuestionAsync(client);

        await client.SendTextAsync("""{"type":"response.create"}""");
        var output = (await client.WaitForAsync("response.done")).GetProperty("response").GetProperty("output")[0];

        if (calledName is null)
        {
            // A function the server cannot fill from a transcript is never called: the turn gets a spoken answer.
            Assert.Equal("message", output.GetProperty("type").GetString());
            return;
        }

        Assert.Equal("function_call", output.GetProperty("type").GetString());
        Assert.Equal(calledName, output.GetProperty("name").GetString());
        using var arguments = JsonDocument.Parse(output.GetProperty("arguments").GetString()!);
        Assert.Equal(transcript, Assert.Single(arguments.RootElement.EnumerateObject(), p => p.Name == parameter).Value.GetString());
    }

    [Theory]
    [InlineData("""{\"passages\":[{\"text\":\"First passage.\"},{\"text\":\"Second passage.\"}]}""", "First passage.")]
    [InlineData("""{\"answer\":\"The answer.\",\"passages\":[{\"text\":\"A passage.\"}]}""", "The answer.")]
    [InlineData("""{\"hits\":0}""", """{"hits":0}""")]
    [InlineData("""not json at all.""", "not json at all.")]
    public async Task A_function_output_should_be_spoken_as_its_answer_else_its_first_passage_else_raw(string escapedOutput, string expected)
    {
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");

        await client.SendTextAsync(JsonFrame.Fill(
            """{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"call_given","output":"<0>"}}""", escapedOutput));
        await client.SendTextAsync("""{"type":"response.create","response":{"output_modalities":["text"]}}""");
        var text = await client.WaitForAsync("response.output_text.done");

        Assert.Equal(expected, text.GetProperty("text").GetString());
    }

    /// <summary>Speaks samples/questions/q01.wav (server VAD ends the turn) and returns the final transcript.</summary>
    private static async Task<string> SpeakQuestionAsync(RealtimeTestClient client)
    {
        foreach (var chunk in SpokenQuestion.Base64Chunks(SpokenQuestion.Load()))
        {
            await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", chunk));
        }

        var completed = await client.WaitForAsync("conversation.item.input_audio_transcription.completed");
        await client.WaitForAsync("conversation.item.done");
        return completed.GetProperty("transcript").GetString()!;
    }

    /// <summary>The frames from the last <c>response.created</c> through the end.</summary>
    private static List<JsonElement> FramesOfLastResponse(IReadOnlyList<string> frames)
    {
        var parsed = frames.Select(ParseFrame).ToList();
        var start = parsed.FindLastIndex(f => f.GetProperty("type").GetString() == "response.created");
        Assert.True(start >= 0, "no response.created frame");
        return parsed.Skip(start).ToList();
    }

    private static JsonElement ParseFrame(string frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.Clone();
    }
}
