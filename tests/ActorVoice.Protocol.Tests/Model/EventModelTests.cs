using System.Text.Json.Nodes;
using ActorVoice.Protocol.Tests.Support;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Serialization;

namespace ActorVoice.Protocol.Tests.Model;

/// <summary>The typed GA event model against the examples published in OpenAI's schemas, unknown types and lenient numbers.</summary>
public sealed class EventModelTests
{
    /// <summary>Remote-MCP and beta transcription-session events stay raw on purpose (no use for voice RAG).</summary>
    private static bool MayStayRaw(string type) =>
        type.StartsWith("mcp_", StringComparison.Ordinal) || type.Contains(".mcp_", StringComparison.Ordinal) || type.StartsWith("transcription_session.", StringComparison.Ordinal);

    public static IEnumerable<object[]> PublishedExamples()
    {
        var schemas = JsonNode.Parse(File.ReadAllText(RepoPaths.RealtimeSchemas))!["components"]!["schemas"]!.AsObject();
        foreach (var (name, schema) in schemas)
        {
            if ((name.StartsWith("RealtimeServerEvent", StringComparison.Ordinal) || name.StartsWith("RealtimeClientEvent", StringComparison.Ordinal))
                && schema?["x-oaiMeta"]?["example"]?.GetValue<string>() is { } example
                && Normalize(example, schema["properties"]?["type"]?["enum"]?[0]?.GetValue<string>()) is { } json)
            {
                yield return [name, json];
            }
        }
    }

    /// <summary>
    /// The published examples are documentation, not strict JSON: comments and trailing commas are dropped; examples
    /// holding several events or a misspelt type (the dtmf one has a leading space) are left out.
    /// </summary>
    private static string? Normalize(string example, string? type)
    {
        try
        {
            var node = JsonNode.Parse(example, documentOptions: new System.Text.Json.JsonDocumentOptions
            {
                CommentHandling = System.Text.Json.JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            return node?["type"]?.GetValue<string>() == type ? node!.ToJsonString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [Theory]
    [MemberData(nameof(PublishedExamples))]
    public void Every_published_GA_example_should_parse_to_a_typed_event_and_serialize_back(string schema, string example)
    {
        var parsed = RealtimeJson.Parse(example);

        if (MayStayRaw(parsed.Type))
        {
            Assert.IsType<RawEvent>(parsed);
            return;
        }

        Assert.False(parsed is RawEvent, $"{schema}: '{parsed.Type}' is not modelled");
        var again = RealtimeJson.Parse(RealtimeJson.Serialize(parsed));
        Assert.Equal(parsed.GetType(), again.GetType());
        Assert.Equal(parsed.Type, again.Type);
    }

    [Fact]
    public void An_unknown_event_type_should_be_kept_raw_with_its_json()
    {
        var parsed = RealtimeJson.Parse("""{"type":"response.hologram.delta","event_id":"event_9","delta":"x"}""");

        var raw = Assert.IsType<RawEvent>(parsed);
        Assert.Equal("response.hologram.delta", raw.Type);
        Assert.Equal("event_9", raw.EventId);
        Assert.Equal("x", raw.Json.GetProperty("delta").GetString());
    }

    [Theory]
    [InlineData("1234", 1234)]
    [InlineData("1234.0", 1234)]
    [InlineData("1233.6", 1234)]
    [InlineData("\"1234\"", 1234)]
    public void Integer_fields_should_accept_floats_and_numeric_strings(string value, int expected)
    {
        var truncate = Assert.IsType<ConversationItemTruncate>(RealtimeJson.Parse(
            JsonFrame.Fill("""{"type":"conversation.item.truncate","item_id":"item_1","content_index":0.0,"audio_end_ms":<0>}""", value)));
        var stopped = Assert.IsType<SpeechStopped>(RealtimeJson.Parse(
            JsonFrame.Fill("""{"type":"input_audio_buffer.speech_stopped","event_id":"e","item_id":"item_1","audio_end_ms":<0>}""", value)));

        Assert.Equal(expected, truncate.AudioEndMs);
        Assert.Equal(expected, stopped.AudioEndMs);
    }

    [Fact]
    public void Response_done_should_expose_status_details_and_usage()
    {
        var done = Assert.IsType<ResponseDone>(RealtimeJson.Parse("""
            {"type":"response.done","event_id":"e","response":{"id":"resp_1","object":"realtime.response","status":"cancelled",
             "status_details":{"type":"cancelled","reason":"turn_detected"},"output":[],
             "usage":{"total_tokens":253,"input_tokens":132,"output_tokens":121,
                      "input_token_details":{"text_tokens":119,"audio_tokens":13,"cached_tokens":64},
                      "output_token_details":{"text_tokens":30,"audio_tokens":91}}}}
            """));

        Assert.Equal("cancelled", done.Response.Status);
        Assert.Equal("turn_detected", done.Response.StatusDetails!.Reason);
        Assert.Equal(253, done.Response.Usage!.TotalTokens);
        Assert.Equal(91, done.Response.Usage.OutputTokenDetails!.AudioTokens);
    }
}
