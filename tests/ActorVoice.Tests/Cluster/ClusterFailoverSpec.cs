using System.Diagnostics;
using ActorVoice.Cli.Load;
using ActorVoice.Tests.Support;
using Xunit.Abstractions;

namespace ActorVoice.Tests.Cluster;

/// <summary>
/// Three nodes on loopback (A and B front and session nodes, C a session node), 30 clients streaming real speech in
/// real time to A and B; C crashes while turns run. Its sessions must be served again on A and B within the configured
/// failure detection and split-brain resolver time plus allocation, no session may ever run on two nodes at once, and
/// every user turn must have exactly one outcome.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class ClusterFailoverSpec(ITestOutputHelper output)
{
    private const int Clients = 30;

    // Generous on a shared 2-core machine: a new incarnation reads its transcript log and configures a realtime session.
    private static readonly TimeSpan Allocation = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task A_crashed_node_s_sessions_are_served_again_on_the_other_nodes_without_ever_running_twice()
    {
        var total = Stopwatch.StartNew();
        var index = Path.Combine(RepoPaths.TempFolder("cluster-failover"), "index");
        await using var realtime = await SharedRealtimeServer.StartAsync(maxSessions: 100);
        var seedPort = ClusterNode.FreePort();
        var seed = ClusterNode.AddressOf(seedPort);
        // A builds the index; B and C open the same folder as it is.
        await using var a = await ClusterNode.StartAsync("A", index, RepoPaths.SampleDocs, seedPort, seed, realtime.Uri);
        await using var b = await ClusterNode.StartAsync("B", index, null, ClusterNode.FreePort(), seed, realtime.Uri);
        await using var c = await ClusterNode.StartAsync("C", index, null, ClusterNode.FreePort(), seed, realtime.Uri,
            "actorvoice.cluster.roles = [sessions]",
            // A crash leaves no cluster gracefully: terminating the actor system runs no coordinated shutdown.
            "akka.coordinated-shutdown.run-by-actor-system-terminate = off");
        await a.WaitForMembersAsync(3, TimeSpan.FromSeconds(60));
        output.WriteLine($"cluster of 3 up after {total.Elapsed.TotalSeconds:F1} s");

        var audio = LoadAudio.Load(Enumerable.Range(1, 6).Select(i => RepoPaths.Question($"q{i:00}.wav")));
        var clients = new List<VoiceClient>();
        try
        {
            for (var i = 0; i < Clients; i++)
            {
                clients.Add(await VoiceClient.ConnectAsync((i % 2 == 0 ? a : b).WebSocketUri, i, LoadAudio.FrameBytes));
            }

            var ids = await Task.WhenAll(clients.Select(client => client.Ready.WaitAsync(TimeSpan.FromSeconds(120))));
            var nodes = new[] { a, b, c };
            var before = nodes.ToDictionary(n => n.Name, n => n.Entities.Where(e => e.Started).Select(e => e.SessionId).ToHashSet());
            output.WriteLine($"{Clients} sessions ready after {total.Elapsed.TotalSeconds:F1} s; spread before the crash: " +
                string.Join(", ", nodes.Select(n => $"{n.Name} {before[n.Name].Count}")));
            var onC = before["C"];
            Assert.NotEmpty(onC);
            Assert.Equal(Clients, before.Values.Sum(s => s.Count));

            // Every client asks a question, one after another; C crashes while those turns run.
            var asking = clients.Select((client, i) => Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300 * i));
                await client.SpeakAsync(audio.Questions[i % audio.Questions.Count]);
            })).ToList();
            var clientsOnC = clients.Where(cl => onC.Contains(ids[cl.Index])).ToList();
            Assert.True(await clientsOnC[0].WaitForAsync(_ => clientsOnC.Any(cl => cl.TurnState is "thinking" or "answering"), TurnTimeout), "no turn got going on C");
            var inTurnOnC = clientsOnC.Count(cl => cl.TurnState is { } s && s != "idle");
            var crashedAt = DateTimeOffset.UtcNow;
            await c.CrashAsync();
            output.WriteLine($"C crashed at +{total.Elapsed.TotalSeconds:F1} s with {onC.Count} sessions, {inTurnOnC} of them in a turn");

            // C's sessions come back on A and B at their clients' next frames, once C is downed.
            var bound = ClusterNode.AcceptableHeartbeatPause + ClusterNode.StableAfter + Allocation;
            var moved = clientsOnC;
            var back = await Task.WhenAll(moved.Select(cl => cl.WaitForAsync(x => x.Events.Any(e => e.Type == "session.reconnected" && e.At > crashedAt), bound)));
            var reattached = moved.Select(cl => cl.Events.FirstOrDefault(e => e.Type == "session.reconnected" && e.At > crashedAt)?.At - crashedAt).Where(t => t is not null).Select(t => t!.Value).ToList();
            if (reattached.Count > 0)
            {
                output.WriteLine($"node loss → sessions attached again: first {reattached.Min().TotalMilliseconds:F0} ms, all {reattached.Max().TotalMilliseconds:F0} ms " +
                    $"(bound {bound.TotalSeconds:F0} s = pause {ClusterNode.AcceptableHeartbeatPause.TotalSeconds} s + stable-after {ClusterNode.StableAfter.TotalSeconds} s + allocation {Allocation.TotalSeconds} s)");
            }

            var took = moved.Select(cl => cl.Events.FirstOrDefault(e => e.Type == "session.reconnected" && e.At > crashedAt)).Where(e => e is not null).Select(e => e!.Json.GetProperty("took_ms").GetDouble()).ToList();
            if (took.Count > 0)
            {
                output.WriteLine($"of which from the loss noticed by the front (entity terminated) to attached again: {took.Min():F0}–{took.Max():F0} ms");
            }

            var starts = nodes.Take(2).SelectMany(n => n.Entities.Where(e => e.Started && e.At > crashedAt)).ToList();
            if (starts.Count > 0)
            {
                output.WriteLine($"new incarnations: transcript log read {starts.Min(e => e.LogReadMs):F0}–{starts.Max(e => e.LogReadMs):F0} ms, " +
                    $"attachment to session configured {starts.Min(e => e.StartMs):F0}–{starts.Max(e => e.StartMs):F0} ms");
            }

            Assert.All(back, Assert.True);
            Assert.All(reattached, t => Assert.True(t <= bound, $"attached again {t.TotalSeconds:F1} s after the crash (bound {bound.TotalSeconds:F0} s)"));

            // Every turn of the first round ends (including those cut off on C), then every client asks again: every
            // session, moved or not, is served.
            await Task.WhenAll(asking);
            await WaitAllTurnsEndedAsync(clients);
            var servedFrom = DateTimeOffset.UtcNow;
            var completedBefore = clients.ToDictionary(cl => cl.Index, cl => cl.Of("turn.completed").Count);
            await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300 * i));
                await client.SpeakAsync(audio.Questions[(i + 3) % audio.Questions.Count]);
            })));
            var served = await Task.WhenAll(clients.Select(cl => cl.WaitForAsync(x => x.Of("turn.completed").Count > completedBefore[x.Index], TurnTimeout)));
            var servedAgain = moved.Select(cl => cl.LastOf("turn.completed")?.At - crashedAt).Where(t => t is not null).Select(t => t!.Value).ToList();
            await WaitAllTurnsEndedAsync(clients);

            var after = nodes.Take(2).ToDictionary(n => n.Name, n => n.Entities.Where(e => e.Started && e.At > crashedAt).Select(e => e.SessionId).Distinct().Count());
            output.WriteLine($"sessions moved: {string.Join(", ", after.Select(kv => $"to {kv.Key} {kv.Value}"))}; " +
                $"moved sessions' next turn answered by +{(servedAgain.Count > 0 ? servedAgain.Max().TotalSeconds : double.NaN):F1} s after the crash");
            // The turns running on C when it crashed still ended, with outcome failed.
            Assert.Contains(moved.SelectMany(cl => cl.Of("turn.completed")), e => e.Text("outcome") == "failed" && e.At > crashedAt);
            var outcomes = clients.SelectMany(cl => cl.Of("turn.completed")).GroupBy(e => e.Text("outcome")).Select(g => $"{g.Key} {g.Count()}");
            output.WriteLine($"turn outcomes: {string.Join(", ", outcomes)}; total wall time {total.Elapsed.TotalSeconds:F0} s");

            Assert.All(served, Assert.True);
            foreach (var client in clients)
            {
                AssertOneOutcomePerTurn(client);
            }

            AssertNeverTwice(nodes, c, crashedAt);
            // Every one of C's sessions runs on A or B now, and only C's moved.
            Assert.Equal(onC.Count, after.Values.Sum());
            Assert.All(nodes.Take(2).SelectMany(n => n.Entities.Where(e => e.Started && e.At > crashedAt)), e => Assert.Contains(e.SessionId, onC));
        }
        finally
        {
            await Task.WhenAll(clients.Select(async cl => await cl.DisposeAsync()));
        }
    }

    /// <summary>Every turn a client saw start (a non-idle turn.state) has exactly one turn.completed.</summary>
    internal static void AssertOneOutcomePerTurn(VoiceClient client)
    {
        var started = client.Of("turn.state").Where(e => e.Turn > 0 && e.Text("state") != "idle").Select(e => e.Turn).ToHashSet();
        var completed = client.Of("turn.completed").GroupBy(e => e.Turn).ToDictionary(g => g.Key, g => g.Count());
        foreach (var turn in started)
        {
            Assert.True(completed.GetValueOrDefault(turn) == 1, $"client {client.Index}: turn {turn} had {completed.GetValueOrDefault(turn)} outcomes");
        }

        Assert.All(completed, kv => Assert.True(kv.Value == 1, $"client {client.Index}: turn {kv.Key} had {kv.Value} outcomes"));
    }

    /// <summary>No session id ever had two live incarnations at once (a crashed node's ended when it crashed).</summary>
    internal static void AssertNeverTwice(IEnumerable<ClusterNode> nodes, ClusterNode? crashed, DateTimeOffset crashedAt)
    {
        var intervals = new List<(string Id, string Node, DateTimeOffset From, DateTimeOffset To)>();
        foreach (var node in nodes)
        {
            foreach (var group in node.Entities.GroupBy(e => e.SessionId))
            {
                DateTimeOffset? from = null;
                foreach (var e in group.OrderBy(e => e.At))
                {
                    if (e.Started)
                    {
                        from = e.At;
                    }
                    else if (from is { } f)
                    {
                        intervals.Add((group.Key, node.Name, f, e.At));
                        from = null;
                    }
                }

                if (from is { } open)
                {
                    intervals.Add((group.Key, node.Name, open, node == crashed ? crashedAt : DateTimeOffset.MaxValue));
                }
            }
        }

        foreach (var session in intervals.GroupBy(i => i.Id))
        {
            var ordered = session.OrderBy(i => i.From).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].From >= ordered[i - 1].To,
                    $"session {session.Key} ran on {ordered[i - 1].Node} and {ordered[i].Node} at once ({ordered[i].From:O} < {ordered[i - 1].To:O})");
            }
        }
    }

    internal static async Task WaitAllTurnsEndedAsync(IEnumerable<VoiceClient> clients) =>
        await Task.WhenAll(clients.Select(cl => cl.WaitForAsync(x => x.TurnState is null or "idle", TurnTimeout)));
}
