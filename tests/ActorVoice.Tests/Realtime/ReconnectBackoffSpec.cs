using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Realtime;
using Akka.TestKit;

namespace ActorVoice.Tests.Realtime;

/// <summary>The reconnection backoff: the policy itself, and the socket actor following it in virtual time.</summary>
public class ReconnectBackoffSpec() : Akka.TestKit.Xunit2.TestKit("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
{
    private static readonly ReconnectSettings Policy = new() { MinBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromSeconds(8), RandomFactor = 0, MaxAttempts = 3 };

    private static readonly RealtimeSettings Settings = EngineSettings.Reference.Realtime with { ConnectTimeout = TimeSpan.FromSeconds(5), Reconnect = Policy };

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public void Delays_should_double_from_min_backoff_and_stop_growing_at_max_backoff()
    {
        var backoff = new ReconnectBackoff(Policy);
        Assert.Equal([2.0, 4, 8, 8, 8], Enumerable.Range(1, 5).Select(a => backoff.DelayBefore(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(8), backoff.DelayBefore(1000));
    }

    [Fact]
    public void The_random_factor_should_lengthen_each_delay_by_at_most_that_fraction()
    {
        var jittered = Policy with { RandomFactor = 0.5 };
        Assert.Equal(TimeSpan.FromSeconds(3), new ReconnectBackoff(jittered, () => 1.0).DelayBefore(1));
        Assert.Equal(TimeSpan.FromSeconds(12), new ReconnectBackoff(jittered, () => 1.0).DelayBefore(9));
        Assert.Equal(TimeSpan.FromSeconds(2), new ReconnectBackoff(jittered, () => 0.0).DelayBefore(1));
        var draws = Enumerable.Range(0, 200).Select(_ => new ReconnectBackoff(jittered).DelayBefore(2)).ToList();
        Assert.All(draws, d => Assert.InRange(d, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6)));
        Assert.True(draws.Distinct().Count() > 10, "the jitter varies");
    }

    [Fact]
    public async Task A_lost_connection_should_be_reopened_only_once_the_backoff_has_elapsed()
    {
        await using var peer = await ScriptedRealtimePeer.StartAsync();
        var subscriber = CreateTestProbe();
        Sys.ActorOf(RealtimeSocketActor.Props(Settings, peer.Uri, apiKey: null, subscriber));
        Assert.Equal(0, ((RealtimeSocketActor.Connected)await subscriber.FishForMessageAsync(m => m is RealtimeSocketActor.Connected)).Attempts);

        peer.CloseConnection();
        await subscriber.FishForMessageAsync(m => m is RealtimeSocketActor.ConnectionInterrupted);
        Scheduler.Advance(TimeSpan.FromMilliseconds(1990));
        await Task.Delay(300);
        Assert.Equal(1, peer.Connections);

        Scheduler.Advance(TimeSpan.FromMilliseconds(10));
        var connected = (RealtimeSocketActor.Connected)await subscriber.FishForMessageAsync(m => m is RealtimeSocketActor.Connected);
        Assert.Equal(1, connected.Attempts);
        Assert.Equal(2, peer.Connections);
    }

    [Fact]
    public async Task Failed_attempts_should_wait_twice_as_long_each_time_and_give_up_after_max_attempts()
    {
        var peer = await ScriptedRealtimePeer.StartAsync();
        var subscriber = CreateTestProbe();
        var socket = Sys.ActorOf(RealtimeSocketActor.Props(Settings, peer.Uri, apiKey: null, subscriber));
        Watch(socket);
        await subscriber.FishForMessageAsync(m => m is RealtimeSocketActor.Connected);

        await peer.DisposeAsync(); // the server is gone: every attempt is refused
        await subscriber.FishForMessageAsync(m => m is RealtimeSocketActor.ConnectionInterrupted);
        var elapsed = TimeSpan.Zero;
        RealtimeSocketActor.ConnectionLost? lost = null;
        while (lost is null && elapsed < TimeSpan.FromSeconds(30))
        {
            Scheduler.Advance(TimeSpan.FromMilliseconds(250));
            elapsed += TimeSpan.FromMilliseconds(250);
            // Let the refused handshake come back before virtual time moves on.
            object? message;
            while ((message = await subscriber.ReceiveOneAsync(TimeSpan.FromMilliseconds(60))) is not null)
            {
                lost ??= message as RealtimeSocketActor.ConnectionLost;
            }
        }

        // Attempts after 2 s, 4 s more and 8 s more: 14 s of virtual time (plus a step or two of slack).
        Assert.NotNull(lost);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(14), TimeSpan.FromSeconds(15));
        Assert.Contains("could not reconnect after 3 attempts", lost!.Reason, StringComparison.Ordinal);
        await ExpectTerminatedAsync(socket);
    }
}
