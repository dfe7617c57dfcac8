using System.Text.Json;
using ActorVoice.Audio.Processing;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Configuration;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.LocalServer.Answering;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.Protocol.Tests.Support;
using ActorVoice.Speech.Synthesis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorVoice.Protocol.Tests.Server;

/// <summary>
/// The standalone local server started with documents (as <c>actorvoice realtime --docs samples/docs</c> does) answers
/// a spoken turn that no client injected text for, from the documents, with the engine's retrieval and answer composer.
/// A real host: Lucene index on disk, Kestrel on a loopback port, pocketsphinx and flite.
/// </summary>
[Trait("Category", "Slow")]
public sealed class OfflineAnswerTests(OfflineAnswerTests.DocumentServer server) : IClassFixture<OfflineAnswerTests.DocumentServer>
{
    private const string SpokenTurns =
        """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":{"type":"server_vad","create_response":true}}}}}""";

    [Fact]
    public async Task A_spoken_question_nobody_injects_text_for_should_be_answered_from_the_documents_naming_its_source()
    {
        var (transcript, spoken, deltas) = await AskAsync(SpokenQuestion.Load("q01.wav"));

        Assert.Contains("vacation", transcript, StringComparison.OrdinalIgnoreCase);
        // handbook/vacation.md: "Every full-time employee gets twenty-two paid vacation days per calendar year ..."
        Assert.StartsWith("From Vacation and Paid Leave: ", spoken, StringComparison.Ordinal);
        Assert.Contains("twenty-two paid vacation days", spoken, StringComparison.Ordinal);
        Assert.Equal(spoken, string.Concat(deltas));
        Assert.StartsWith("From Vacation and Paid Leave:", deltas[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spoken_question_the_documents_do_not_cover_should_get_the_no_answer_text()
    {
        var flite = new FliteSynthesizer();
        var speech = await flite.SynthesizeAsync("What is the capital city of France?", CancellationToken.None);
        var audio = PcmResampler.Convert(speech.Samples, speech.SampleRate, SpokenQuestion.Rate);
        var padded = new short[audio.Length + SpokenQuestion.Rate * 3 / 2];
        audio.CopyTo(padded, 0);

        var (transcript, spoken, _) = await AskAsync(padded);

        Assert.False(string.IsNullOrWhiteSpace(transcript), "the question was heard");
        Assert.Equal("Sorry, I could not find that in the documents.", spoken);
        Assert.NotEqual(NoOfflineAnswerer.NoAnswer, spoken);
    }

    [Fact]
    public async Task A_spoken_question_should_be_answered_from_the_documents_when_the_client_asked_for_no_transcription()
    {
        await using var client = await RealtimeTestClient.StartSessionAsync(server.Uri,
            """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"transcription":null,"turn_detection":{"type":"server_vad","create_response":true}}}}}""");
        await SendAudioAsync(client, SpokenQuestion.Load("q01.wav"));

        var spoken = await SpokenAnswerAsync(client);

        Assert.StartsWith("From Vacation and Paid Leave: ", spoken, StringComparison.Ordinal);
        Assert.DoesNotContain(client.Frames, f => f.Contains("input_audio_transcription", StringComparison.Ordinal));
        var userDone = client.Frames.Select(Parse).First(f => f.GetProperty("type").GetString() == "conversation.item.done");
        Assert.Equal(JsonValueKind.Null, userDone.GetProperty("item").GetProperty("content")[0].GetProperty("transcript").ValueKind);
    }

    [Fact]
    public async Task A_manual_commit_followed_at_once_by_response_create_should_be_answered_from_what_the_turn_said()
    {
        await using var client = await RealtimeTestClient.StartSessionAsync(server.Uri,
            """{"type":"session.update","session":{"type":"realtime","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe"},"turn_detection":null}}}}""");
        await SendAudioAsync(client, SpokenQuestion.Load("q01.wav"));
        await client.SendTextAsync("""{"type":"input_audio_buffer.commit"}""");
        await client.SendTextAsync("""{"type":"response.create"}""");

        var spoken = await SpokenAnswerAsync(client);

        Assert.StartsWith("From Vacation and Paid Leave: ", spoken, StringComparison.Ordinal);
        var types = client.Frames.Select(Parse).Select(f => f.GetProperty("type").GetString()).ToList();
        Assert.True(types.IndexOf("response.created") < types.IndexOf("conversation.item.input_audio_transcription.completed"),
            "the response was created before the transcript was complete: it waited for what the turn said");
    }

    private static async Task SendAudioAsync(RealtimeTestClient client, short[] samples)
    {
        foreach (var chunk in SpokenQuestion.Base64Chunks(samples))
        {
            await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", chunk));
        }
    }

    private static async Task<string> SpokenAnswerAsync(RealtimeTestClient client)
    {
        var done = await client.WaitForAsync("response.done", TimeSpan.FromSeconds(60));
        Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());
        return client.Frames.Select(Parse).Last(f => f.GetProperty("type").GetString() == "response.output_audio_transcript.done").GetProperty("transcript").GetString()!;
    }

    private async Task<(string Transcript, string Spoken, List<string> Deltas)> AskAsync(short[] samples)
    {
        await using var client = await RealtimeTestClient.StartSessionAsync(server.Uri, SpokenTurns);
        await SendAudioAsync(client, samples);

        var completed = await client.WaitForAsync("conversation.item.input_audio_transcription.completed");
        var done = await client.WaitForAsync("response.done", TimeSpan.FromSeconds(60));
        Assert.Equal("completed", done.GetProperty("response").GetProperty("status").GetString());
        var transcriptDone = client.Frames.Select(Parse).Last(f => f.GetProperty("type").GetString() == "response.output_audio_transcript.done");
        var deltas = client.Frames.Select(Parse)
            .Where(f => f.GetProperty("type").GetString() == "response.output_audio_transcript.delta")
            .Select(f => f.GetProperty("delta").GetString()!)
            .ToList();
        Assert.NotEmpty(deltas);
        Assert.Contains(client.Frames, f => f.Contains("\"response.output_audio.delta\"", StringComparison.Ordinal));
        return (completed.GetProperty("transcript").GetString()!, transcriptDone.GetProperty("transcript").GetString()!, deltas);
    }

    private static JsonElement Parse(string frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.Clone();
    }

    /// <summary>One host for the class: indexing samples/docs and loading the models takes several seconds.</summary>
    public sealed class DocumentServer : IAsyncLifetime
    {
        private readonly string _folder = RepoPaths.TempFolder("offline-answer");
        private IHost? _host;

        public Uri Uri { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var docs = Path.Combine(RepoPaths.Root, "samples", "docs");
            _host = new HostBuilder()
                .AddActorVoice(ActorVoiceConfig.Reference(), voice =>
                {
                    voice.Status = null;
                    voice.WithKnowledge(new KnowledgeOptions(Path.Combine(_folder, "index"), docs))
                        .WithLocalRealtimeServer(s => s with { Port = 0 });
                })
                .Build();
            await _host.StartAsync();
            Uri = _host.Services.GetRequiredService<LocalRealtimeServer>().RealtimeUri;
        }

        public async Task DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.StopAsync();
                _host.Dispose();
            }

            Directory.Delete(_folder, recursive: true);
        }
    }
}
