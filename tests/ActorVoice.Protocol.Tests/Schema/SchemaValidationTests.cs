using ActorVoice.Protocol.Tests.BadInput;
using ActorVoice.Protocol.Tests.Support;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Serialization;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Protocol.Tests.Schema;

/// <summary>What ActorVoice sends and what its local server emits, checked against OpenAI's published schemas.</summary>
public sealed class SchemaValidationTests(LocalServerFixture server) : IClassFixture<LocalServerFixture>
{
    private static readonly RealtimeSchemaValidator Validator = RealtimeSchemaValidator.Instance;

    /// <summary>
    /// Every client event the engine produces, built the way it builds them (SessionActor's session.update,
    /// TurnActor's system message + response.create, the capture stream's appends) plus the rest of the client
    /// vocabulary the protocol model offers.
    /// </summary>
    public static IReadOnlyList<ClientEvent> ClientEvents { get; } =
    [
        new SessionUpdate(new SessionConfig
        {
            Type = "realtime",
            Model = "gpt-realtime",
            Instructions = "You are a voice assistant for the organisation's documents.",
            OutputModalities = ["audio"],
            Audio = new AudioConfig
            {
                Input = new AudioInputConfig
                {
                    Format = AudioFormat.Pcm24k,
                    Transcription = new TranscriptionConfig { Model = "gpt-4o-transcribe", Language = "en" },
                    TurnDetection = new TurnDetection(TurnDetection.ServerVad)
                    {
                        Threshold = 0.5,
                        PrefixPaddingMs = 300,
                        SilenceDurationMs = 500,
                        CreateResponse = false,
                        InterruptResponse = true,
                    },
                },
                Output = new AudioOutputConfig { Format = AudioFormat.Pcm24k, Voice = "marin" },
            },
        }) { EventId = "evt_session" },
        new SessionUpdate(new SessionConfig
        {
            Type = "realtime",
            Audio = new AudioConfig
            {
                Input = new AudioInputConfig
                {
                    Format = new AudioFormat(AudioFormat.Pcmu),
                    TurnDetection = new TurnDetection(TurnDetection.SemanticVad) { Eagerness = "high", CreateResponse = false, InterruptResponse = true },
                },
                Output = new AudioOutputConfig { Format = new AudioFormat(AudioFormat.Pcma), Voice = "cedar", Speed = 1.1 },
            },
        }),
        new InputAudioBufferAppend(BadInputMatrix.Tone(20)),
        new InputAudioBufferCommit { EventId = "evt_commit" },
        new InputAudioBufferClear(),
        new ConversationItemCreate(ConversationItem.TextMessage("system", "Context: employees get 25 vacation days.")),
        new ConversationItemCreate(ConversationItem.TextMessage("user", "How many vacation days?")) { PreviousItemId = "root" },
        new ConversationItemCreate(new ConversationItem(ConversationItem.FunctionCallOutput) { CallId = "call_1", Output = "{\"hits\":3}" }),
        new ConversationItemDelete("item_1"),
        new ConversationItemRetrieve("item_1"),
        new ConversationItemTruncate("item_1", 0, 1200),
        new ResponseCreate(),
        new ResponseCreate
        {
            Response = new ResponseCreateParams
            {
                Metadata = new Dictionary<string, string> { ["actorvoice_turn"] = "1" },
            },
        },
        new ResponseCreate
        {
            Response = new ResponseCreateParams
            {
                Instructions = "Answer from: employees get 25 vacation days.",
                OutputModalities = ["text"],
                Conversation = "none",
                Input = [ConversationItem.TextMessage("user", "Rewrite the query.")],
            },
        },
        new ResponseCancel(),
        new ResponseCancel { ResponseId = "resp_1" },
    ];

    [Fact]
    public void The_validator_should_reject_events_that_break_the_schema()
    {
        Assert.NotEmpty(Validator.ValidateServerEvent("""{"type":"error","event_id":"event_1","error":{"code":"x"}}"""));
        Assert.NotEmpty(Validator.ValidateClientEvent("""{"type":"conversation.item.truncate","item_id":"item_1"}"""));
        Assert.NotEmpty(Validator.ValidateClientEvent("""{"type":"session.update","session":{"type":"realtime","output_modalities":["speech"]}}"""));
        Assert.NotEmpty(Validator.ValidateClientEvent("""{"type":"response.done"}"""));
        Assert.Empty(Validator.ValidateClientEvent("""{"type":"input_audio_buffer.commit"}"""));
    }

    [Fact]
    public void Every_client_event_ActorVoice_sends_should_match_the_OpenAI_schema()
    {
        var results = ClientEvents.Select(RealtimeJson.Serialize).Select(json => (json, Validator.ValidateClientEvent(json))).ToList();

        Assert.True(results.All(r => r.Item2.Count == 0), RealtimeSchemaValidator.Describe(results));
        var covered = results.Select(r => RealtimeSchemaValidator.TypeOf(r.json)).ToHashSet();
        var expected = Validator.ClientEventTypes.Except(["output_audio_buffer.clear", "transcription_session.update"]);
        Assert.Empty(expected.Except(covered));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Server_events_of_a_spoken_turn_and_the_rest_of_a_session_should_match_the_OpenAI_schema()
    {
        var clientFrames = new List<string>();
        server.Server.FrameObserver = f =>
        {
            if (f.FromClient)
            {
                lock (clientFrames)
                {
                    clientFrames.Add(f.Json);
                }
            }
        };
        await using var client = await RealtimeTestClient.ConnectAsync(server.Uri);
        await client.WaitForAsync("session.created");

        // A spoken turn with server VAD, transcription and an automatic spoken response.
        await client.SendTextAsync("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":{"type":"server_vad","create_response":true}}}}}""");
        await client.WaitForAsync("session.updated");
        foreach (var chunk in SpokenQuestion.Base64Chunks(SpokenQuestion.Load()))
        {
            await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", chunk));
        }

        var transcript = await client.WaitForAsync("conversation.item.input_audio_transcription.completed");
        var spoken = await client.WaitForAsync("response.done");
        var assistantItem = spoken.GetProperty("response").GetProperty("output")[0].GetProperty("id").GetString()!;

        // The rest of the vocabulary: retrieve, truncate, delete, a text response, a cancelled response, clear, an error.
        await client.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.retrieve","item_id":"<0>"}""", assistantItem));
        await client.WaitForAsync("conversation.item.retrieved");
        await client.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.truncate","item_id":"<0>","content_index":0,"audio_end_ms":200}""", assistantItem));
        await client.WaitForAsync("conversation.item.truncated");
        await client.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.delete","item_id":"<0>"}""", assistantItem));
        await client.WaitForAsync("conversation.item.deleted");
        await client.SendTextAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"system","content":[{"type":"input_text","text":"Employees get twenty five vacation days."}]}}""");
        await client.SendTextAsync("""{"type":"response.create","response":{"output_modalities":["text"],"metadata":{"turn":"2"}}}""");
        await client.WaitForAsync("response.done");
        // Long enough (forty sentences, synthesised one by one) that the cancel always arrives before the end.
        var longAnswer = string.Concat(Enumerable.Repeat("This long answer has many sentences and the client cancels it. ", 40)).Trim();
        await client.SendTextAsync(JsonFrame.Fill("""{"type":"conversation.item.create","item":{"type":"message","role":"system","content":[{"type":"input_text","text":"<0>"}]}}""", longAnswer));
        await client.SendTextAsync("""{"type":"response.create"}""");
        await client.WaitForAsync("response.output_audio.delta");
        await client.SendTextAsync("""{"type":"response.cancel"}""");
        var cancelled = await client.WaitForAsync("response.done");
        await client.SendTextAsync("""{"type":"input_audio_buffer.clear"}""");
        await client.WaitForAsync("input_audio_buffer.cleared");
        await client.SendTextAsync("""{"type":"conversation.item.delete","item_id":"item_missing","event_id":"evt_bad"}""");
        await client.WaitForAsync("error");
        server.Server.FrameObserver = null;

        Assert.False(string.IsNullOrWhiteSpace(transcript.GetProperty("transcript").GetString()));
        Assert.Equal("cancelled", cancelled.GetProperty("response").GetProperty("status").GetString());
        var results = client.Frames.Select(json => (json, Validator.ValidateServerEvent(json))).ToList();
        Assert.True(results.All(r => r.Item2.Count == 0), RealtimeSchemaValidator.Describe(results));
        var seen = results.Select(r => RealtimeSchemaValidator.TypeOf(r.json)).ToHashSet();
        string[] expected =
        [
            "session.created", "session.updated", "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped",
            "input_audio_buffer.committed", "conversation.item.added", "conversation.item.done",
            "conversation.item.input_audio_transcription.delta", "conversation.item.input_audio_transcription.completed",
            "response.created", "response.output_item.added", "response.content_part.added", "response.output_audio.delta",
            "response.output_audio_transcript.delta", "response.output_audio.done", "response.output_audio_transcript.done",
            "response.content_part.done", "response.output_item.done", "response.done", "conversation.item.retrieved",
            "conversation.item.truncated", "conversation.item.deleted", "response.output_text.delta", "response.output_text.done",
            "input_audio_buffer.cleared", "error",
        ];
        Assert.Empty(expected.Except(seen));

        // The server saw exactly the frames the test sent, and they are valid client events too.
        string[] clientSide;
        lock (clientFrames)
        {
            clientSide = [.. clientFrames];
        }

        var clientResults = clientSide.Select(json => (json, Validator.ValidateClientEvent(json))).ToList();
        Assert.True(clientResults.All(r => r.Item2.Count == 0), RealtimeSchemaValidator.Describe(clientResults));
    }
}
