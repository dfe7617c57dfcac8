using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions;
using ActorVoice.Protocol.Tests.Support;
using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Synthesis;
using Microsoft.Extensions.Logging;

namespace ActorVoice.Protocol.Tests.Server.Sessions;

/// <summary>
/// Decoding runs off the session's loop: while a user turn's decoder is stuck, the session still reads and answers
/// client frames. The decoder is a stand-in that blocks until the test lets it go (real pocketsphinx cannot be made to
/// hang on cue); the WebSocket, the VAD, the session and flite are real.
/// </summary>
[Trait("Category", "Slow")]
public sealed class OffLoopDecodingTests
{
    // Stuck must not mean slow: an answer this late means the frame waited for the decoder.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_stuck_decode_should_not_hold_back_session_updates_cancels_or_the_end_of_speech()
    {
        using var pool = new BlockingRecognizerPool();
        await using var server = await LocalRealtimeServer.StartAsync(
            LocalServerSettings.Reference, new SpeechServices(pool, new FliteSynthesizer()), b => b.SetMinimumLevel(LogLevel.Warning));
        await using var client = await RealtimeTestClient.ConnectAsync(server.RealtimeUri);
        await client.WaitForAsync("session.created");
        await client.SendTextAsync(
            """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":{"type":"server_vad","create_response":false}}}}}""");
        await client.WaitForAsync("session.updated");

        foreach (var chunk in SpokenQuestion.Base64Chunks(SpokenQuestion.Load()))
        {
            await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", chunk));
        }

        Assert.True(pool.Recognizer.Stuck.Wait(RealtimeTestClient.DefaultWait), "the decoder was never fed");
        // The VAD goes on while the decoder is stuck: the end of speech is heard.
        var stopped = await client.WaitForAsync("input_audio_buffer.speech_stopped", Prompt);
        var itemId = stopped.GetProperty("item_id").GetString();

        var clock = Stopwatch.StartNew();
        await client.AssertAliveAsync();
        await client.SendTextAsync("""{"type":"response.cancel","event_id":"cancel_1"}""");
        var refused = await client.WaitForAsync("error", Prompt);
        Assert.Equal("response_cancel_not_active", refused.GetProperty("error").GetProperty("code").GetString());
        await client.SendTextAsync(
            """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Meanwhile."}]}}""");
        await client.WaitForAsync(e => Type(e) == "conversation.item.added" && Role(e) == "user" && Text(e) == "Meanwhile.", "conversation.item.added", Prompt);
        Assert.True(clock.Elapsed < Prompt, $"the session took {clock.Elapsed} to answer while decoding was stuck");
        Assert.True(pool.Recognizer.Stuck.IsSet && !pool.Recognizer.Released, "the decoder was still stuck while the session answered");
        Assert.DoesNotContain(client.Frames, f => f.Contains("input_audio_transcription.completed", StringComparison.Ordinal));

        pool.Recognizer.Release();
        var completed = await client.WaitForAsync("conversation.item.input_audio_transcription.completed");
        Assert.Equal(itemId, completed.GetProperty("item_id").GetString());
        Assert.Equal(BlockingRecognizer.Final, completed.GetProperty("transcript").GetString());
        var done = await client.WaitForAsync(e => Type(e) == "conversation.item.done" && e.GetProperty("item").GetProperty("id").GetString() == itemId, "conversation.item.done");
        Assert.Equal(BlockingRecognizer.Final, done.GetProperty("item").GetProperty("content")[0].GetProperty("transcript").GetString());
        Assert.Equal(1, pool.Returned);
    }

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    private static string? Role(JsonElement e) => e.GetProperty("item").TryGetProperty("role", out var role) ? role.GetString() : null;

    private static string? Text(JsonElement e) => e.GetProperty("item").GetProperty("content")[0].TryGetProperty("text", out var text) ? text.GetString() : null;

    /// <summary>Hands out its one recognizer and counts returns.</summary>
    private sealed class BlockingRecognizerPool : IRecognizerPool
    {
        private int _returned;

        public BlockingRecognizer Recognizer { get; } = new();

        public int Returned => Volatile.Read(ref _returned);

        public IStreamingRecognizer Rent() => Recognizer;

        public bool TryRent([NotNullWhen(true)] out IStreamingRecognizer? recognizer)
        {
            recognizer = Recognizer;
            return true;
        }

        public void Return(IStreamingRecognizer recognizer) => Interlocked.Increment(ref _returned);

        public void Dispose() => Recognizer.Dispose();
    }

    /// <summary>Blocks in its first <see cref="Process"/> until released; then hears <see cref="Final"/>.</summary>
    private sealed class BlockingRecognizer : IStreamingRecognizer
    {
        public const string Final = "how many vacation days do i get";

        private readonly ManualResetEventSlim _release = new();

        public ManualResetEventSlim Stuck { get; } = new();

        public bool Released => _release.IsSet;

        public int SampleRate => 16_000;

        public void StartUtterance()
        {
        }

        public string Process(ReadOnlySpan<short> samples)
        {
            Stuck.Set();
            // Bounded, so that a broken test cannot hang the run.
            _release.Wait(RealtimeTestClient.DefaultWait);
            return "how many";
        }

        public string EndUtterance() => Final;

        public void Release() => _release.Set();

        public void Dispose()
        {
            _release.Set();
            _release.Dispose();
            Stuck.Dispose();
        }
    }
}
