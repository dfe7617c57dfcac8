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

    [Fact]
    public async Task A_turn_that_starts_while_every_decoder_is_busy_should_be_committed_at_once_and_decoded_whole_when_one_comes_free()
    {
        using var pool = new LateRecognizerPool();
        await using var server = await LocalRealtimeServer.StartAsync(
            LocalServerSettings.Reference, new SpeechServices(pool, new FliteSynthesizer()), b => b.SetMinimumLevel(LogLevel.Error));
        await using var client = await RealtimeTestClient.ConnectAsync(server.RealtimeUri);
        await client.WaitForAsync("session.created");
        await client.SendTextAsync(
            """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":{"type":"server_vad","create_response":false}}}}}""");
        await client.WaitForAsync("session.updated");

        var question = SpokenQuestion.Load();
        foreach (var chunk in SpokenQuestion.Base64Chunks(question))
        {
            await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", chunk));
        }

        var stopped = await client.WaitForAsync("input_audio_buffer.speech_stopped");
        var itemId = stopped.GetProperty("item_id").GetString();
        // The turn is committed although no decoder has come free: nothing waits on recognition but the transcript.
        var committed = await client.WaitForAsync("input_audio_buffer.committed");
        Assert.Equal(itemId, committed.GetProperty("item_id").GetString());
        Assert.Equal(0, pool.Recognizer.Updates);
        Assert.Equal(1, pool.Waiters);

        pool.FreeOne();
        var completed = await client.WaitForAsync("conversation.item.input_audio_transcription.completed");

        Assert.Equal(itemId, completed.GetProperty("item_id").GetString());
        Assert.Equal(LateRecognizer.Final, completed.GetProperty("transcript").GetString());
        // The whole turn went to the decoder in one update: at least the spoken question, at the decoder's 16 kHz.
        Assert.Equal(1, pool.Recognizer.Updates);
        Assert.True(pool.Recognizer.Samples >= question.Length * 16_000L / 24_000 / 2, $"only {pool.Recognizer.Samples} samples were decoded");
    }

    /// <summary>No decoder is free now; the one asked for comes when the test frees it.</summary>
    private sealed class LateRecognizerPool : IRecognizerPool
    {
        private readonly TaskCompletionSource _free = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiters;

        public LateRecognizer Recognizer { get; } = new();

        public int Waiters => Volatile.Read(ref _waiters);

        public void FreeOne() => _free.TrySetResult();

        public IStreamingRecognizer Rent() => throw new InvalidOperationException("Only RentAsync is expected.");

        public async ValueTask<IStreamingRecognizer> RentAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _waiters);
            await _free.Task.WaitAsync(cancellationToken);
            return Recognizer;
        }

        public bool TryRent([NotNullWhen(true)] out IStreamingRecognizer? recognizer)
        {
            recognizer = null;
            return false;
        }

        public void Return(IStreamingRecognizer recognizer)
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Counts its updates and the samples they carried; hears <see cref="Final"/>.</summary>
    private sealed class LateRecognizer : IStreamingRecognizer
    {
        public const string Final = "how many vacation days do i get";
        private int _updates;
        private long _samples;

        public int Updates => Volatile.Read(ref _updates);

        public long Samples => Interlocked.Read(ref _samples);

        public int SampleRate => 16_000;

        public void StartUtterance()
        {
        }

        public string Process(ReadOnlySpan<short> samples)
        {
            Interlocked.Increment(ref _updates);
            Interlocked.Add(ref _samples, samples.Length);
            return "how many";
        }

        public string EndUtterance() => Final;

        public void Dispose()
        {
        }
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
