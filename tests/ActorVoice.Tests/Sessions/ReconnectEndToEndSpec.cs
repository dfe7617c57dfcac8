using System.Text.Json;
using ActorVoice.Engine.Sessions;
using ActorVoice.Engine.Turns;
using Xunit.Abstractions;

namespace ActorVoice.Tests.Sessions;

/// <summary>
/// The realtime connection drops mid-conversation (a socket fault plan) or is recycled, with the real local server
/// (pocketsphinx, flite) behind a recording relay, so the test sees what each new connection was seeded with.
/// </summary>
[Trait("Category", "EndToEnd")]
public class ReconnectEndToEndSpec(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(205, TurnOutcome.Fallback)] // before the second turn's final transcript: nothing to recover, a spoken notice
    [InlineData(290, TurnOutcome.Answered)] // while the second turn's answer streams: spoken again on the new connection
    public async Task A_connection_dropped_mid_conversation_should_reconnect_reseed_the_conversation_and_no_turn_should_fail(int disconnectAfter, TurnOutcome expected)
    {
        // The first turn brings about 200 server events; the first connection drops during the second turn.
        await using var host = await ReconnectHost.StartAsync($"actorvoice.faults {{ enabled = on, socket {{ disconnect-after-events = {disconnectAfter} }} }}");

        var first = await host.AskAsync("q05.wav", "first");
        Assert.Equal(TurnOutcome.Answered, first.Outcome);
        var interrupted = await host.AskAsync("q01.wav", "interrupted");
        var reconnected = await host.NextAsync<SessionReconnected>(Patience);
        var next = await host.AskAsync("q02.wav", "next");
        output.WriteLine($"interrupted: {interrupted.Outcome} ({interrupted.FallbackReason ?? interrupted.Error}) \"{interrupted.HeardAnswer}\"; reconnected after {reconnected.Attempts} attempt(s) in {reconnected.Took.TotalMilliseconds:0} ms; next: {next.Outcome} {next.Error}");
        output.WriteLine(string.Join(" | ", host.States()));

        Assert.Contains(host.Faults.Log.Recent, f => f is { Edge: "socket", Kind: "disconnect" });
        Assert.True(reconnected.Attempts >= 1);
        Assert.Equal(expected, interrupted.Outcome);
        Assert.Contains($"{interrupted.TurnNumber}:awaiting connection", host.States());
        // A fallback carries its reason as the error too; an answered turn has none.
        Assert.Equal(interrupted.FallbackReason, interrupted.Error);
        if (interrupted.Outcome == TurnOutcome.Fallback)
        {
            Assert.StartsWith("connection lost", interrupted.FallbackReason, StringComparison.Ordinal);
            Assert.Contains("lost the connection", interrupted.Answer, StringComparison.Ordinal);
        }

        Assert.Equal(TurnOutcome.Answered, next.Outcome);
        Assert.Null(next.Error);
        if (interrupted.Outcome == TurnOutcome.Answered)
        {
            // Spoken again in full on the new connection: the heard answer is the whole answer.
            Assert.Equal("handbook/vacation.md", interrupted.TopDocument);
            Assert.Contains("vacation days", interrupted.HeardAnswer, StringComparison.Ordinal);
        }

        // The second connection opened with session.update, then the first turn's words and the answer the user heard.
        var seeded = host.Relay.ClientFrames.Where(f => f.Connection == 2).Select(f => JsonDocument.Parse(f.Text).RootElement).ToList();
        Assert.Equal("session.update", seeded[0].GetProperty("type").GetString());
        var items = seeded.Skip(1).TakeWhile(e => e.GetProperty("type").GetString() == "conversation.item.create").Select(e => e.GetProperty("item")).ToList();
        Assert.True(items.Count >= 2, $"{items.Count} items re-seeded");
        Assert.Equal("user", items[0].GetProperty("role").GetString());
        Assert.Equal("input_text", items[0].GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal(first.Transcript, items[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("assistant", items[1].GetProperty("role").GetString());
        Assert.Equal("output_text", items[1].GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal(first.HeardAnswer, items[1].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_connection_older_than_recycle_after_should_be_handed_over_after_the_turn_in_progress_and_reseeded()
    {
        await using var host = await ReconnectHost.StartAsync("actorvoice.faults { enabled = off }", "actorvoice.engine.realtime.recycle-after = 1s");

        // The connection is due during the first turn: the turn is not cut, the handoff follows it.
        var first = await host.AskAsync("q01.wav", "first");
        Assert.Equal(TurnOutcome.Answered, first.Outcome);
        Assert.Null(first.Error);
        var handoff = await host.NextAsync<SessionReconnected>(Patience);
        Assert.Equal("recycle", handoff.Reason);
        Assert.True(host.Relay.Connections >= 2, $"{host.Relay.Connections} connections");
        // The notifications show the order: the turn completed, then the handoff.
        var second = await host.AskAsync("q05.wav", "second");
        Assert.Equal(TurnOutcome.Answered, second.Outcome);
        Assert.Null(second.Error);
        var seeded = host.Relay.ClientFrames.Where(f => f.Connection == 2).Select(f => f.Text).ToList();
        Assert.Contains("session.update", seeded[0], StringComparison.Ordinal);
        Assert.Contains(seeded, f => f.Contains("\"output_text\"", StringComparison.Ordinal) && f.Contains(JsonEncodedText.Encode(first.HeardAnswer).ToString(), StringComparison.Ordinal));
        // The old connection was closed once its successor was configured: one stays open.
        await WaitUntilAsync(() => host.Relay.OpenConnections == 1);
    }

    [Theory]
    [InlineData("200ms")] // the reference backoff: what a user gets
    [InlineData("10ms")] // the cost of reconnecting and re-seeding itself
    public async Task Twenty_dropped_connections_should_each_be_reconnected_and_reseeded_and_the_next_turn_answered(string minBackoff)
    {
        await using var host = await ReconnectHost.StartAsync(
            "actorvoice.faults { enabled = off }",
            $"actorvoice.engine.realtime.reconnect.min-backoff = {minBackoff}",
            "actorvoice.engine.realtime.reconnect.max-backoff = 10s");
        var first = await host.AskAsync("q05.wav", "first");
        Assert.Equal(TurnOutcome.Answered, first.Outcome);

        var took = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            host.Relay.DropAll();
            var reconnected = await host.NextAsync<SessionReconnected>(Patience);
            took.Add(reconnected.Took.TotalMilliseconds);
        }

        var next = await host.AskAsync("q02.wav", "next");
        Assert.Equal(TurnOutcome.Answered, next.Outcome);
        took.Sort();
        output.WriteLine($"reconnect (loss → re-seeded session), min-backoff {minBackoff}, 20 drops on loopback: p50 {Percentile(took, 0.5):0} ms, p95 {Percentile(took, 0.95):0} ms, min {took[0]:0}, max {took[^1]:0}");
        Assert.Equal(21, host.Relay.Connections);
    }

    [Fact]
    public async Task Duplicated_reordered_delayed_events_and_injected_errors_should_not_fail_a_turn_nor_double_its_audio()
    {
        await using var host = await ReconnectHost.StartAsync(
            "actorvoice.faults { enabled = on, seed = 5, socket { duplicate-rate = 0.2, error-rate = 0.05, latency = 5ms, jitter = 5ms } }");

        // The same answer twice: each run duplicates other audio deltas, so only dropping duplicates by event id
        // gives both the same length of audio.
        var first = await host.AskAsync("q01.wav", "noisy-socket-1");
        var second = await host.AskAsync("q01.wav", "noisy-socket-2");

        output.WriteLine($"{first.Outcome}/{second.Outcome}; received {first.AudioReceivedMs}/{second.AudioReceivedMs} ms; faults: {string.Join(", ", host.Faults.Log.Counts.Select(c => $"{c.Key.Kind}={c.Value}"))}");
        Assert.All([first, second], r =>
        {
            Assert.Equal(TurnOutcome.Answered, r.Outcome);
            Assert.Null(r.Error);
        });
        Assert.Contains(host.Faults.Log.Recent, f => f is { Kind: "duplicate", Detail: "response.output_audio.delta" });
        Assert.Contains(host.Faults.Log.Recent, f => f.Kind == "error");
        Assert.Equal(first.Answer, second.Answer);
        Assert.InRange(second.AudioReceivedMs, first.AudioReceivedMs - 1, first.AudioReceivedMs + 1);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }
}
