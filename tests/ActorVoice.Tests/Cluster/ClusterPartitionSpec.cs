using System.Diagnostics;
using ActorVoice.Cli.Load;
using ActorVoice.Tests.Support;
using Xunit.Abstractions;

namespace ActorVoice.Tests.Cluster;

/// <summary>
/// A session node cut off from the others while it keeps running (a network partition, the case where a session
/// could run twice): the majority downs it and takes its sessions over, it downs itself, and no session ever has two
/// live incarnations at once.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class ClusterPartitionSpec(ITestOutputHelper output)
{
    private const int Clients = 6;
    private const int MaxClients = 16;
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_cut_off_node_s_sessions_move_to_the_majority_and_never_run_on_both_sides()
    {
        var total = Stopwatch.StartNew();
        var index = Path.Combine(RepoPaths.TempFolder("cluster-partition"), "index");
        await using var realtime = await SharedRealtimeServer.StartAsync(maxSessions: 30);
        var seedPort = ClusterNode.FreePort();
        var seed = ClusterNode.AddressOf(seedPort);
        await using var a = await ClusterNode.StartAsync("A", index, RepoPaths.SampleDocs, seedPort, seed, realtime.Uri);
        await using var b = await ClusterNode.StartAsync("B", index, null, ClusterNode.FreePort(), seed, realtime.Uri);
        await using var c = await ClusterNode.StartAsync("C", index, null, ClusterNode.FreePort(), seed, realtime.Uri, "actorvoice.cluster.roles = [sessions]");
        await a.WaitForMembersAsync(3, TimeSpan.FromSeconds(60));

        var audio = LoadAudio.Load(Enumerable.Range(1, 6).Select(i => RepoPaths.Question($"q{i:00}.wav")));
        var clients = new List<VoiceClient>();
        try
        {
            // Until C holds two sessions (its region may register after A's and B's took the first shards).
            var ids = new List<string>();
            for (var i = 0; i < MaxClients && (i < Clients || c.Entities.Count(e => e.Started) < 2); i++)
            {
                var client = await VoiceClient.ConnectAsync((i % 2 == 0 ? a : b).WebSocketUri, i, LoadAudio.FrameBytes);
                clients.Add(client);
                ids.Add(await client.Ready.WaitAsync(TimeSpan.FromSeconds(90)));
            }

            var onC = c.Entities.Where(e => e.Started).Select(e => e.SessionId).ToHashSet();
            output.WriteLine($"{clients.Count} sessions: A {a.Entities.Count(e => e.Started)}, B {b.Entities.Count(e => e.Started)}, C {onC.Count}");
            Assert.NotEmpty(onC);
            var cut = clients.Where(cl => onC.Contains(ids[cl.Index])).ToList();
            foreach (var client in cut)
            {
                _ = client.SpeakAsync(audio.Questions[client.Index % audio.Questions.Count]);
            }

            Assert.True(await cut[0].WaitForAsync(x => x.TurnState is "listening" or "thinking" or "answering", TurnTimeout), "no turn got going on C");
            var isolatedAt = DateTimeOffset.UtcNow;
            await c.IsolateAsync();
            output.WriteLine($"C cut off at +{total.Elapsed.TotalSeconds:F1} s with {onC.Count} sessions");

            Assert.All(await Task.WhenAll(cut.Select(cl => cl.WaitForAsync(x => x.Events.Any(e => e.Type == "session.reconnected" && e.At > isolatedAt), TurnTimeout))), Assert.True);
            Assert.True(await Task.Run(async () =>
            {
                var deadline = Stopwatch.StartNew();
                while (c.TerminatedAt is null && deadline.Elapsed < TurnTimeout)
                {
                    await Task.Delay(200);
                }

                return c.TerminatedAt is not null;
            }), "C did not down itself");

            var stoppedOnC = c.Entities.Where(e => !e.Started).ToList();
            var startedElsewhere = new[] { a, b }.SelectMany(n => n.Entities.Where(e => e.Started && e.At > isolatedAt)).ToList();
            output.WriteLine($"C's incarnations stopped {(stoppedOnC.Count > 0 ? $"{(stoppedOnC.Max(e => e.At) - isolatedAt).TotalSeconds:F1} s" : "—")} after the cut " +
                $"(its system ended at +{(c.TerminatedAt!.Value - isolatedAt).TotalSeconds:F1} s); the majority started them from " +
                $"+{(startedElsewhere.Min(e => e.At) - isolatedAt).TotalSeconds:F1} s to +{(startedElsewhere.Max(e => e.At) - isolatedAt).TotalSeconds:F1} s");
            ClusterFailoverSpec.AssertNeverTwice([a, b, c], c, c.TerminatedAt!.Value);

            // Served again on the majority side.
            await ClusterFailoverSpec.WaitAllTurnsEndedAsync(cut);
            var before = cut.ToDictionary(cl => cl.Index, cl => cl.Of("turn.completed").Count);
            foreach (var client in cut)
            {
                _ = client.SpeakAsync(audio.Questions[(client.Index + 1) % audio.Questions.Count]);
            }

            Assert.All(await Task.WhenAll(cut.Select(cl => cl.WaitForAsync(x => x.Of("turn.completed").Count > before[x.Index], TurnTimeout))), Assert.True);
            await ClusterFailoverSpec.WaitAllTurnsEndedAsync(clients);
            foreach (var client in clients)
            {
                ClusterFailoverSpec.AssertOneOutcomePerTurn(client);
            }

            output.WriteLine($"total wall time {total.Elapsed.TotalSeconds:F0} s");
        }
        finally
        {
            await Task.WhenAll(clients.Select(async cl => await cl.DisposeAsync()));
        }
    }
}
