using System.Diagnostics.CodeAnalysis;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions;
using ActorVoice.Protocol.Tests.Support;
using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Synthesis;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Protocol.Tests.Server.Sessions;

/// <summary>
/// Decoders are shared by every session: a user turn that cannot get one within <c>recognition.queue-timeout</c> fails
/// with <c>server_busy</c> at once, and the session goes on. The pool is a stand-in whose decoders are all taken (real
/// pocketsphinx cannot be kept busy on cue); the WebSocket, the VAD, the session and flite are real.
/// </summary>
[Trait("Category", "Slow")]
public sealed class BusyRecognitionTests
{
    [Fact]
    public async Task A_turn_that_gets_no_decoder_within_the_queue_timeout_should_fail_with_server_busy_and_the_session_go_on()
    {
        using var pool = new ExhaustedRecognizerPool();
        var settings = LocalServerSettings.Reference with
        {
            Recognition = LocalServerSettings.Reference.Recognition with { QueueTimeout = TimeSpan.FromMilliseconds(300) },
        };
        await using var server = await LocalRealtimeServer.StartAsync(
            settings, new SpeechServices(pool, new FliteSynthesizer()), b => b.SetMinimumLevel(LogLevel.Error));
        await using var client = await RealtimeTestClient.ConnectAsync(server.RealtimeUri);
        await client.WaitForAsync("session.created");
        await client.SendTextAsync(
            """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":{"type":"server_vad"}}}}}""");
        await client.WaitForAsync("session.updated");

        foreach (var chunk in SpokenQuestion.Base64Chunks(SpokenQuestion.Load()))
        {
            await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", chunk));
        }

        var stopped = await client.WaitForAsync("input_audio_buffer.speech_stopped");
        var failed = await client.WaitForAsync("conversation.item.input_audio_transcription.failed");
        Assert.Equal(stopped.GetProperty("item_id").GetString(), failed.GetProperty("item_id").GetString());
        Assert.Equal("server_busy", failed.GetProperty("error").GetProperty("code").GetString());
        Assert.True(pool.Waiters >= 1, "the turn never asked the pool for a decoder");
        Assert.Equal(pool.Waiters, pool.GaveUp);

        // Nothing was heard, so nothing is answered (even with create_response on), and the session still serves the client.
        await client.AssertAliveAsync();
        Assert.DoesNotContain(client.Frames, f => f.Contains("\"response.created\"", StringComparison.Ordinal));
        Assert.DoesNotContain(client.Frames, f => f.Contains("input_audio_transcription.completed", StringComparison.Ordinal));
    }

    /// <summary>Every decoder is rented by someone else: renters wait until they give up.</summary>
    private sealed class ExhaustedRecognizerPool : IRecognizerPool
    {
        private int _waiters;
        private int _gaveUp;

        public int Waiters => Volatile.Read(ref _waiters);

        public int GaveUp => Volatile.Read(ref _gaveUp);

        public IStreamingRecognizer Rent() => throw new InvalidOperationException("Only RentAsync is expected.");

        public async ValueTask<IStreamingRecognizer> RentAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _waiters);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _gaveUp);
                throw;
            }

            throw new InvalidOperationException("unreachable");
        }

        public bool TryRent([NotNullWhen(true)] out IStreamingRecognizer? recognizer)
        {
            recognizer = null;
            return false;
        }

        public void Return(IStreamingRecognizer recognizer) => throw new InvalidOperationException("Nothing was rented.");

        public void Dispose()
        {
        }
    }
}
