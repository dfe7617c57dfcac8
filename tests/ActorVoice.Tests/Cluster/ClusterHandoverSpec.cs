using System.Diagnostics;
using ActorVoice.Cli.Load;
using ActorVoice.Tests.Support;
using Xunit.Abstractions;

namespace ActorVoice.Tests.Cluster;

/// <summary>
/// A session node that leaves gracefully hands its sessions over: a running turn ends with the spoken notice, and the
/// session's next turn is served on another node, which took over its transcript log and its turn numbers.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class ClusterHandoverSpec(ITestOutputHelper output)
{
    private const int Clients = 4;
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_leaving_node_ends_running_turns_before_moving_and_the_next_turn_is_served_elsewhere_with_the_log()
    {
        var total = Stopwatch.StartNew();
        var index = Path.Combine(RepoPaths.TempFolder("cluster-handover"), "index");
        await using var realtime = await SharedRealtimeServer.StartAsync(maxSessions: 20);
        var seedPort = ClusterNode.FreePort();
        var seed = ClusterNode.AddressOf(seedPort);
        // A only accepts clients (a proxy to the region); B and C run the sessions.
        await using var a = await ClusterNode.StartAsync("A", index, RepoPaths.SampleDocs, seedPort, seed, realtime.Uri, "actorvoice.cluster.roles = [front]");
        await using var b = await ClusterNode.StartAsync("B", index, null, ClusterNode.FreePort(), seed, realtime.Uri, "actorvoice.cluster.roles = [sessions]");
        await using var c = await ClusterNode.StartAsync("C", index, null, ClusterNode.FreePort(), seed, realtime.Uri, "actorvoice.cluster.roles = [sessions]");
        await a.WaitForMembersAsync(3, TimeSpan.FromSeconds(60));

        var audio = LoadAudio.Load(Enumerable.Range(1, 6).Select(i => RepoPaths.Question($"q{i:00}.wav")));
        var clients = new List<VoiceClient>();
        try
        {
            for (var i = 0; i < Clients; i++)
            {
                clients.Add(await VoiceClient.ConnectAsync(a.WebSocketUri, i, LoadAudio.FrameBytes));
            }

            var ids = await Task.WhenAll(clients.Select(client => client.Ready.WaitAsync(TimeSpan.FromSeconds(90))));
            var onB = b.Entities.Where(e => e.Started).Select(e => e.SessionId).ToHashSet();
            output.WriteLine($"sessions: B {onB.Count}, C {c.Entities.Count(e => e.Started)}");
            Assert.NotEmpty(onB);
            var leaving = clients.Where(cl => onB.Contains(ids[cl.Index])).ToList();

            // A first turn each, so that the logs have something in them.
            await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500 * i));
                await client.SpeakAsync(audio.Questions[i]);
            })));
            Assert.All(await Task.WhenAll(clients.Select(cl => cl.WaitForAsync(x => x.Of("turn.completed").Count >= 1, TurnTimeout))), Assert.True);
            await ClusterFailoverSpec.WaitAllTurnsEndedAsync(clients);

            // B's clients ask again; B leaves while their turns run.
            var firstTurns = leaving.ToDictionary(cl => cl.Index, cl => cl.Of("turn.completed").Count);
            foreach (var client in leaving)
            {
                _ = client.SpeakAsync(audio.Questions[4]);
            }

            // Once the question is being answered: the hand-off reaches the session while that turn runs (a hand-off
            // between turns, while the user is still speaking, has no turn to end with the notice).
            Assert.True(await leaving[0].WaitForAsync(x => x.TurnState is "thinking", TurnTimeout), "the turn did not get going");
            var leftAt = DateTimeOffset.UtcNow;
            var leave = Stopwatch.StartNew();
            await b.LeaveAsync();
            output.WriteLine($"B left in {leave.Elapsed.TotalSeconds:F1} s");

            Assert.All(await Task.WhenAll(leaving.Select(cl => cl.WaitForAsync(x => x.Events.Any(e => e.Type == "session.reconnected" && e.At > leftAt), TurnTimeout))), Assert.True);
            foreach (var client in leaving)
            {
                var cut = client.Of("turn.completed").Skip(firstTurns[client.Index]).ToList();
                var reconnected = client.Events.First(e => e.Type == "session.reconnected" && e.At > leftAt);
                output.WriteLine($"client {client.Index}: turn(s) after the leave began: {string.Join("; ", cut.Select(e => $"{e.Turn} {e.Text("outcome")} ({e.Text("fallback_reason") ?? e.Text("error")})"))}; " +
                    $"attached again {(reconnected.At - leftAt).TotalMilliseconds:F0} ms after the leave began ({reconnected.Text("reason")})");
            }

            // The turns running when B left ended with one outcome each, never in silence: the spoken notice (a turn
            // not yet answering), or the answer that was already playing, played out before the session moved.
            var afterLeave = leaving.Select(cl => cl.Of("turn.completed").Skip(firstTurns[cl.Index]).FirstOrDefault()).ToList();
            Assert.All(afterLeave, e => Assert.True(e?.Text("outcome") is "fallback" or "answered", $"outcome {e?.Text("outcome")} ({e?.Text("error")})"));
            // Which of the two depends on how far the turn had got when the hand-off reached it (printed above); a
            // notice, when spoken, names the move.
            Assert.All(afterLeave.Where(e => e!.Text("outcome") == "fallback"), e => Assert.Contains("moving", e!.Text("fallback_reason") ?? string.Empty, StringComparison.Ordinal));

            // The sessions run on C now, with their transcript logs and turn numbers.
            var taken = c.Entities.Where(e => e.Started && e.At > leftAt && onB.Contains(e.SessionId)).ToList();
            output.WriteLine($"on C after the leave: {string.Join("; ", taken.Select(e => $"{e.SessionId} log {e.TranscriptEntries} entries, from turn {e.LastTurn}"))}");
            Assert.Equal(onB.Count, taken.Select(e => e.SessionId).Distinct().Count());
            Assert.All(taken, e => Assert.True(e.LastTurn >= 2, $"{e.SessionId} goes on from turn {e.LastTurn}"));
            Assert.Contains(taken, e => e.TranscriptEntries > 0);

            // Their next turns are served there, numbered after the ones before.
            await ClusterFailoverSpec.WaitAllTurnsEndedAsync(leaving);
            var before = leaving.ToDictionary(cl => cl.Index, cl => cl.Of("turn.completed").Count);
            foreach (var client in leaving)
            {
                _ = client.SpeakAsync(audio.Questions[5]);
            }

            Assert.All(await Task.WhenAll(leaving.Select(cl => cl.WaitForAsync(x => x.Of("turn.completed").Count > before[x.Index], TurnTimeout))), Assert.True);
            foreach (var client in leaving)
            {
                var last = client.LastOf("turn.completed")!;
                output.WriteLine($"client {client.Index}: next turn {last.Turn} {last.Text("outcome")}: \"{last.Text("transcript")}\"");
                Assert.True(last.Turn >= 3);
            }

            await ClusterFailoverSpec.WaitAllTurnsEndedAsync(clients);
            foreach (var client in clients)
            {
                ClusterFailoverSpec.AssertOneOutcomePerTurn(client);
            }

            ClusterFailoverSpec.AssertNeverTwice([a, b, c], null, default);
            output.WriteLine($"total wall time {total.Elapsed.TotalSeconds:F0} s");
        }
        finally
        {
            await Task.WhenAll(clients.Select(async cl => await cl.DisposeAsync()));
        }
    }
}
