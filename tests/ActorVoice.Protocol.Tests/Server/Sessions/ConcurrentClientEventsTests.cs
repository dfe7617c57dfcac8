using System.Diagnostics;
using System.Text.Json;
using ActorVoice.Audio.Pcm;
using ActorVoice.Protocol.Tests.Support;
using Xunit.Abstractions;

namespace ActorVoice.Protocol.Tests.Server.Sessions;

/// <summary>
/// A session is one logical thread: client events that arrive while a response streams (cancel, audio, session
/// updates) are handled between the response's chunks, never inside them. Over a real loopback WebSocket to a real
/// server (flite), the event stream must stay well-formed however the client's frames fall against the synthesis.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ConcurrentClientEventsTests(LocalServerFixture server, ITestOutputHelper output) : IClassFixture<LocalServerFixture>
{
    private const int Rounds = 24;

    private const string LongAnswer =
        "The first sentence is long enough to take a while to speak. The second one follows it closely. "
        + "A third sentence keeps the synthesizer busy. Then comes a fourth. The fifth sentence ends the answer.";

    private static readonly HashSet<string> ResponseDeltas =
        ["response.output_audio.delta", "response.output_audio_transcript.delta", "response.output_text.delta"];

    [Fact]
    public async Task Cancels_audio_and_session_updates_sent_while_a_response_streams_should_leave_every_response_well_formed()
    {
        await using var client = await RealtimeTestClient.StartSessionAsync(server.Uri,
            """{"type":"session.update","session":{"type":"realtime","output_modalities":["audio"],"audio":{"input":{"turn_detection":null}}}}""");
        var silence = Pcm16.ToBase64(new short[2400]);
        var cancelsSent = 0;
        var updatesSent = 0;
        var cancelToDone = new Dictionary<int, TimeSpan>();

        for (var round = 0; round < Rounds; round++)
        {
            await client.SendTextAsync(JsonFrame.Fill(
                """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"<0> (round <1>)"}]}}""",
                LongAnswer, round));
            await client.SendTextAsync("""{"type":"response.create"}""");
            // The client's frames land at a different point of the synthesis each round: before the first chunk,
            // between chunks, or after the response completed (when the cancel must be refused).
            for (var i = 0; i < round % 6; i++)
            {
                await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", silence));
            }

            await client.SendTextAsync(JsonFrame.Fill(
                """{"type":"session.update","session":{"type":"realtime","instructions":"round <0>"}}""", round));
            updatesSent++;
            if (round % 4 != 3)
            {
                if (round % 8 == 5)
                {
                    await Task.Delay(400);
                }

                var clock = Stopwatch.StartNew();
                await client.SendTextAsync(JsonFrame.Fill("""{"type":"response.cancel","event_id":"cancel_<0>"}""", round));
                cancelsSent++;
                await client.WaitForAsync("response.done");
                cancelToDone[round] = clock.Elapsed;
                continue;
            }

            await client.WaitForAsync("response.done");
        }

        await client.AssertAliveAsync();
        var events = client.Frames.Select(Parse).ToList();
        var responses = events.Where(e => Type(e) == "response.created").Select(e => e.GetProperty("response").GetProperty("id").GetString()!).ToList();
        Assert.Equal(Rounds, responses.Count);
        Assert.Equal(responses.Count, responses.Distinct().Count());
        var cancelled = 0;
        var cancelLatencies = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            if (AssertWellFormed(events, responses[round]))
            {
                cancelled++;
                cancelLatencies.Add(cancelToDone[round].TotalMilliseconds);
            }
        }

        // Every cancel either closed its response or was refused because the response had already completed.
        var refused = events.Count(e => Type(e) == "error" && e.GetProperty("error").GetProperty("code").GetString() == "response_cancel_not_active");
        Assert.Equal(cancelsSent, cancelled + refused);
        Assert.All(events.Where(e => Type(e) == "error"), e => Assert.Equal("response_cancel_not_active", e.GetProperty("error").GetProperty("code").GetString()));
        Assert.Equal(updatesSent + 2, events.Count(e => Type(e) == "session.updated"));
        output.WriteLine($"{Rounds} responses: {cancelled} cancelled, {Rounds - cancelled} completed, {refused} cancels refused; {events.Count} events");
        Assert.True(cancelled > 0, "no cancel landed while a response streamed: the test exercised nothing");
        cancelLatencies.Sort();
        output.WriteLine($"response.cancel sent -> response.done received: median {cancelLatencies[cancelLatencies.Count / 2]:0.0} ms, max {cancelLatencies[^1]:0.0} ms");
    }

    [Fact]
    public async Task Speech_starting_while_a_response_streams_should_close_the_response_right_after_speech_started()
    {
        await using var client = await RealtimeTestClient.StartSessionAsync(server.Uri,
            """{"type":"session.update","session":{"type":"realtime","output_modalities":["audio"],"audio":{"input":{"turn_detection":{"type":"server_vad","create_response":false}}}}}""");
        // Far longer than the speech takes to be heard even on a loaded machine (synthesis runs faster than real time,
        // and the speech's frames queue behind the response's audio): the response is still streaming at speech start.
        var longAnswer = string.Join(' ', Enumerable.Repeat(LongAnswer, 60));
        await client.SendTextAsync(JsonFrame.Fill(
            """{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"<0>"}]}}""", longAnswer));
        await client.SendTextAsync("""{"type":"response.create"}""");
        await client.WaitForAsync("response.output_audio.delta");

        foreach (var chunk in SpokenQuestion.Base64Chunks(SpokenQuestion.Load()))
        {
            await client.SendTextAsync(JsonFrame.Fill("""{"type":"input_audio_buffer.append","audio":"<0>"}""", chunk));
        }

        await client.WaitForAsync("input_audio_buffer.speech_stopped");
        await client.AssertAliveAsync();
        var events = client.Frames.Select(Parse).ToList();
        var responseId = events.Single(e => Type(e) == "response.created").GetProperty("response").GetProperty("id").GetString()!;
        Assert.True(AssertWellFormed(events, responseId, cancelReason: "turn_detected"), "the response was cancelled");
        // The barge-in is handled in one step on the session's loop: the response's closing events follow speech_started
        // directly, with no delta of the interrupted synthesis in between.
        var started = events.FindIndex(e => Type(e) == "input_audio_buffer.speech_started");
        Assert.Equal(
            "response.output_audio.done response.output_audio_transcript.done response.content_part.done response.output_item.done conversation.item.done response.done",
            string.Join(' ', events.Skip(started + 1).Take(6).Select(Type)));
    }

    /// <summary>Checks one response's events; returns whether it was cancelled.</summary>
    private static bool AssertWellFormed(List<JsonElement> events, string responseId, string cancelReason = "client_cancelled")
    {
        var mine = events.Select((e, i) => (Event: e, Index: i)).Where(p => ResponseIdOf(p.Event) == responseId).ToList();
        var created = Assert.Single(mine, p => Type(p.Event) == "response.created");
        var done = Assert.Single(mine, p => Type(p.Event) == "response.done");
        var itemAdded = Assert.Single(mine, p => Type(p.Event) == "response.output_item.added");
        Assert.Single(mine, p => Type(p.Event) == "response.output_item.done");
        Assert.Single(mine, p => Type(p.Event) == "response.output_audio.done");
        Assert.Single(mine, p => Type(p.Event) == "response.output_audio_transcript.done");
        Assert.Equal(created.Index, mine[0].Index);
        // Nothing of a response after its response.done: no late delta of a cancelled synthesis.
        Assert.Equal(done.Index, mine[^1].Index);

        var itemId = itemAdded.Event.GetProperty("item").GetProperty("id").GetString();
        var deltas = mine.Where(p => ResponseDeltas.Contains(Type(p.Event)!)).ToList();
        Assert.All(deltas, p => Assert.Equal(itemId, p.Event.GetProperty("item_id").GetString()));
        Assert.All(deltas, p => Assert.InRange(p.Index, itemAdded.Index, done.Index));
        var response = done.Event.GetProperty("response");
        var output = Assert.Single(response.GetProperty("output").EnumerateArray());
        Assert.Equal(itemId, output.GetProperty("id").GetString());
        var itemDone = Assert.Single(events, e => Type(e) == "conversation.item.done" && e.GetProperty("item").GetProperty("id").GetString() == itemId);
        Assert.True(events.IndexOf(itemDone) < done.Index);

        // What the response says it spoke is exactly what its deltas carried.
        var spoken = string.Concat(deltas.Where(p => Type(p.Event) == "response.output_audio_transcript.delta").Select(p => p.Event.GetProperty("delta").GetString()));
        Assert.Equal(spoken, output.GetProperty("content")[0].GetProperty("transcript").GetString());
        var status = response.GetProperty("status").GetString();
        if (status == "cancelled")
        {
            Assert.Equal(cancelReason, response.GetProperty("status_details").GetProperty("reason").GetString());
            Assert.Equal("incomplete", output.GetProperty("status").GetString());
            return true;
        }

        Assert.Equal("completed", status);
        Assert.StartsWith("The first sentence", spoken, StringComparison.Ordinal);
        return false;
    }

    private static string? ResponseIdOf(JsonElement e) =>
        e.TryGetProperty("response_id", out var id) ? id.GetString()
        : e.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object ? response.GetProperty("id").GetString()
        : null;

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    private static JsonElement Parse(string frame)
    {
        using var document = JsonDocument.Parse(frame);
        return document.RootElement.Clone();
    }
}
