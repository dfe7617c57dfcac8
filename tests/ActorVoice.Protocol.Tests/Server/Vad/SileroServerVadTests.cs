using ActorVoice.Audio.Vad;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Protocol.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorVoice.Protocol.Tests.Server.Vad;

/// <summary>The local server's turn detection with <c>vad.kind = silero</c>: a real server, real WebSocket, real model.</summary>
public sealed class SileroServerVadTests
{
    [Fact]
    public async Task Silero_server_vad_should_report_speech_started_and_stopped_for_a_spoken_question()
    {
        var settings = LocalServerSettings.Reference with { Vad = LocalServerSettings.Reference.Vad with { Kind = VadKind.Silero } };
        var speech = await SpeechServicesFactory.CreateAsync(settings, NullLogger.Instance);
        try
        {
            await using var server = await LocalRealtimeServer.StartAsync(settings, speech, b => b.SetMinimumLevel(LogLevel.Warning));
            await using var client = await RealtimeTestClient.ConnectAsync(server.RealtimeUri);
            await client.WaitForAsync("session.created");
            await client.SendTextAsync(
                """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"server_vad","threshold":0.6,"create_response":false}}}}}""");
            await client.WaitForAsync("session.updated");

            var audio = new short[24_000].Concat(SpokenQuestion.Load("q03.wav")).ToArray();
            foreach (var chunk in SpokenQuestion.Base64Chunks(audio))
            {
                await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", chunk));
            }

            var started = await client.WaitForAsync("input_audio_buffer.speech_started");
            var stopped = await client.WaitForAsync("input_audio_buffer.speech_stopped");
            Assert.InRange(started.GetProperty("audio_start_ms").GetInt32(), 500, 1400);
            Assert.True(stopped.GetProperty("audio_end_ms").GetInt32() > 2000);
            Assert.Equal(started.GetProperty("item_id").GetString(), stopped.GetProperty("item_id").GetString());
        }
        finally
        {
            speech.Recognizers.Dispose();
        }
    }

    [Fact]
    public async Task Silero_server_vad_without_its_model_should_refuse_to_start_naming_the_script()
    {
        var settings = LocalServerSettings.Reference with
        {
            Vad = LocalServerSettings.Reference.Vad with { Kind = VadKind.Silero, SileroModel = "/no/such/silero_vad.onnx" },
        };
        var speech = await SpeechServicesFactory.CreateAsync(settings, NullLogger.Instance);
        try
        {
            var error = await Assert.ThrowsAsync<SileroModelMissingException>(() => LocalRealtimeServer.StartAsync(settings, speech));
            Assert.Contains("scripts/silero-model.sh", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            speech.Recognizers.Dispose();
        }
    }
}
