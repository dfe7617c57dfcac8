using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using ActorVoice.Audio.Pcm;
using ActorVoice.Protocol.Tests.Schema;
using ActorVoice.Protocol.Tests.Support;
using OpenAI.Realtime;

namespace ActorVoice.Protocol.Tests.Compat;

/// <summary>
/// Official OpenAI clients, unchanged, each doing a full spoken turn against the local server: session.update,
/// a spoken question (samples/questions/q01.wav at 24 kHz), server VAD, transcription, a spoken response. Every
/// frame both ways is also checked against OpenAI's schemas.
/// </summary>
[Trait("Category", "Slow")]
public sealed class OfficialClientCompatTests(SecuredServerFixture server) : IClassFixture<SecuredServerFixture>
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    [NodeFact]
    public async Task The_openai_npm_GA_realtime_client_should_complete_a_spoken_turn_over_wss()
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "compat", "node");
        var environment = new Dictionary<string, string>
        {
            ["ACTORVOICE_BASE_URL"] = new UriBuilder(server.SecureUri) { Scheme = "https", Path = "/v1" }.Uri.ToString().TrimEnd('/'),
            ["ACTORVOICE_API_KEY"] = SecuredServerFixture.ApiKey,
            ["NODE_EXTRA_CA_CERTS"] = server.Server.CertificatePemPath!,
        };
        var (run, recorder) = await RunNodeClientAsync(folder, "compat-node", environment);

        Assert.True(run.ExitCode == 0, $"node client failed ({run.ExitCode}): {run.Error}{run.Output}");
        using var summary = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]);
        var root = summary.RootElement;
        Assert.Contains("vacation", root.GetProperty("transcript").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("audioBytes").GetInt32() > 24000, "the response carried audio");
        Assert.Equal("completed", root.GetProperty("status").GetString());
        var types = root.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal("session.created", types[0]);
        Assert.Contains("conversation.item.input_audio_transcription.delta", types);
        Assert.Contains("response.output_audio_transcript.delta", types);
        AssertFramesMatchSchema(recorder);
    }

    [NodeFact]
    public async Task The_OpenAI_Agents_SDK_realtime_session_should_complete_a_spoken_turn_without_tools_and_parse_every_event()
    {
        var (root, recorder) = await RunAgentsSdkAsync("plain");

        Assert.Contains("vacation", root.GetProperty("transcript").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("audioBytes").GetInt32() > 24000, "the response carried audio");
        Assert.Empty(root.GetProperty("toolCalls").EnumerateArray());
        var types = root.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal("session.created", types[0]);
        Assert.Contains("conversation.item.added", types);
        Assert.Contains("conversation.item.done", types);
        // The SDK asks for items itself (conversation.item.retrieve) as they complete; those answers may arrive after
        // response.done, so the turn's own last event is the last one that is not such an answer.
        Assert.Equal("response.done", types.Last(t => t != "conversation.item.retrieved"));
        AssertFramesMatchSchema(recorder, serverOnly: true);
    }

    [NodeFact]
    public async Task The_OpenAI_Agents_SDK_realtime_session_should_call_its_function_tool_with_the_transcript_and_hear_the_output_spoken()
    {
        var (root, recorder) = await RunAgentsSdkAsync("tool");

        var transcript = root.GetProperty("transcript").GetString();
        Assert.Contains("vacation", transcript, StringComparison.Ordinal);
        var argument = Assert.Single(root.GetProperty("toolCalls").EnumerateArray()).GetString();
        Assert.Equal(transcript, argument);
        Assert.Equal("Employees get twenty five days of paid vacation a year.", root.GetProperty("spoken").GetString());
        Assert.True(root.GetProperty("audioBytes").GetInt32() > 24000, "the tool's answer was spoken");
        var types = root.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("response.function_call_arguments.done", types);
        Assert.Equal(2, types.Count(t => t == "response.done"));
        var toolOutput = recorder.Frames.Where(f => f.FromClient).Select(f => JsonDocument.Parse(f.Json).RootElement)
            .Single(e => e.GetProperty("type").GetString() == "conversation.item.create");
        Assert.Equal("function_call_output", toolOutput.GetProperty("item").GetProperty("type").GetString());
        AssertFramesMatchSchema(recorder, serverOnly: true);
    }

    /// <summary>
    /// Installs a node client's packages (<c>npm ci</c> in its own folder), writes the spoken question as 24 kHz PCM
    /// (its path goes to the client as ACTORVOICE_PCM in <paramref name="environment"/>) and runs its
    /// spoken-turn.mjs, one client at a time, recording the server's frames meanwhile.
    /// </summary>
    private async Task<((int ExitCode, string Output, string Error) Run, FrameRecorder Recorder)> RunNodeClientAsync(
        string folder, string tempName, Dictionary<string, string> environment)
    {
        var install = await ExternalTool.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, null, TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, "npm ci failed: " + install.Error);
        var pcm = Path.Combine(RepoPaths.TempFolder(tempName), "q01-24k.pcm");
        await File.WriteAllBytesAsync(pcm, Pcm16.ToBytes(SpokenQuestion.Load()));
        environment["ACTORVOICE_PCM"] = pcm;

        await OneAtATime.WaitAsync();
        var recorder = new FrameRecorder();
        server.Server.FrameObserver = recorder.Record;
        try
        {
            return (await ExternalTool.RunAsync("node", ["spoken-turn.mjs"], folder, environment, TimeSpan.FromMinutes(2)), recorder);
        }
        finally
        {
            server.Server.FrameObserver = null;
            OneAtATime.Release();
        }
    }

    /// <summary>
    /// Runs tests/compat/agents/spoken-turn.mjs (the Agents SDK, unchanged) over ws://; the SDK reports every event it
    /// could not parse as an error, so an empty <c>errors</c> list means it parsed them all.
    /// </summary>
    private async Task<(JsonElement Summary, FrameRecorder Recorder)> RunAgentsSdkAsync(string mode)
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "compat", "agents");
        var environment = new Dictionary<string, string>
        {
            ["ACTORVOICE_URL"] = new UriBuilder(server.PlainUri) { Query = "model=gpt-realtime" }.Uri.ToString(),
            ["ACTORVOICE_API_KEY"] = SecuredServerFixture.ApiKey,
            ["ACTORVOICE_MODE"] = mode,
        };
        var (run, recorder) = await RunNodeClientAsync(folder, "compat-agents", environment);

        Assert.True(run.ExitCode == 0, $"Agents SDK client failed ({run.ExitCode}): {run.Error}{run.Output}");
        var summary = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement.Clone();
        var errors = summary.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.True(errors.Count == 0, "the SDK reported errors: " + string.Join(" | ", errors));
        return (summary, recorder);
    }

    [Fact]
    public async Task The_OpenAI_dotnet_GA_realtime_client_should_complete_a_spoken_turn()
    {
        var client = new RealtimeClient(
            new ApiKeyCredential(SecuredServerFixture.ApiKey),
            new RealtimeClientOptions { Endpoint = new Uri($"http://127.0.0.1:{server.PlainUri.Port}/v1") });

        await OneAtATime.WaitAsync();
        var recorder = new FrameRecorder();
        server.Server.FrameObserver = recorder.Record;
        var updates = new List<RealtimeServerUpdate>();
        try
        {
            using var session = await client.StartConversationSessionAsync("gpt-realtime");
            await session.SendCommandAsync(BinaryData.FromString("""
                {"type":"session.update","session":{"type":"realtime","output_modalities":["audio"],
                 "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"transcription":{"model":"gpt-4o-transcribe"},
                 "turn_detection":{"type":"server_vad","create_response":true}},"output":{"voice":"marin"}}}}
                """), new RequestOptions());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var audioSent = false;
            await foreach (var update in session.ReceiveUpdatesAsync(timeout.Token))
            {
                updates.Add(update);
                if (update is RealtimeServerUpdateSessionUpdated && !audioSent)
                {
                    audioSent = true;
                    using var audio = new MemoryStream(Pcm16.ToBytes(SpokenQuestion.Load()));
                    await session.SendInputAudioAsync(audio, timeout.Token);
                }

                if (update is RealtimeServerUpdateResponseDone)
                {
                    break;
                }
            }
        }
        finally
        {
            server.Server.FrameObserver = null;
            OneAtATime.Release();
        }

        Assert.IsType<RealtimeServerUpdateSessionCreated>(updates[0]);
        Assert.Contains(updates, u => u is RealtimeServerUpdateInputAudioBufferSpeechStarted);
        Assert.Contains(updates, u => u is RealtimeServerUpdateConversationItemInputAudioTranscriptionDelta);
        var transcript = Json(updates.OfType<RealtimeServerUpdateConversationItemInputAudioTranscriptionCompleted>().Single());
        Assert.Contains("vacation", transcript.GetProperty("transcript").GetString(), StringComparison.Ordinal);
        Assert.True(updates.OfType<RealtimeServerUpdateResponseOutputAudioDelta>().Count() > 3, "the response carried audio");
        var done = Json(updates.OfType<RealtimeServerUpdateResponseDone>().Single());
        Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());
        Assert.DoesNotContain(updates, u => u is RealtimeServerUpdateError);
        AssertFramesMatchSchema(recorder);
    }

    private static JsonElement Json(RealtimeServerUpdate update) =>
        JsonDocument.Parse(ModelReaderWriter.Write(update).ToString()).RootElement.Clone();

    /// <summary>
    /// Checks the recorded frames against OpenAI's schemas; <paramref name="serverOnly"/> skips the client's frames
    /// (the Agents SDK sends <c>noise_reduction: null</c>, which the service accepts but the spec types as an object).
    /// </summary>
    private static void AssertFramesMatchSchema(FrameRecorder recorder, bool serverOnly = false)
    {
        var validator = RealtimeSchemaValidator.Instance;
        var frames = recorder.Frames.Where(f => !serverOnly || !f.FromClient).ToList();
        Assert.NotEmpty(frames);
        var results = frames
            .Select(f => (f.Json, f.FromClient ? validator.ValidateClientEvent(f.Json) : validator.ValidateServerEvent(f.Json)))
            .ToList();
        Assert.True(results.All(r => r.Item2.Count == 0), RealtimeSchemaValidator.Describe(results));
    }
}
