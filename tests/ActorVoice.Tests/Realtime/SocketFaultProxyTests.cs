using System.Collections.Concurrent;
using System.Diagnostics;
using ActorVoice.Engine.Realtime;
using ActorVoice.Faults;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Tests.Realtime;

/// <summary>The socket fault proxy, one fault kind at a time, on a scripted stream of server events.</summary>
public class SocketFaultProxyTests
{
    [Fact]
    public void Without_faults_events_should_pass_in_order_and_none_should_be_recorded()
    {
        var run = Run("latency = 0ms", Script(40));
        Assert.Equal(Ids(Script(40)), Ids(run.Delivered));
        Assert.Empty(run.Log.Recent);
        Assert.Null(run.Disconnect);
    }

    [Fact]
    public void Drop_should_lose_some_events_but_never_session_or_error_events_and_record_each_loss()
    {
        var script = Script(200);
        var run = Run("drop-rate = 0.3", script);
        var drops = run.Log.Recent.Where(f => f.Kind == "drop").ToList();
        Assert.InRange(drops.Count, 30, 90);
        Assert.Equal(script.Count - drops.Count, run.Delivered.Count);
        Assert.Contains(run.Delivered, e => e is SessionCreated);
        Assert.Contains(run.Delivered, e => e is SessionUpdated);
        Assert.Equal(script.OfType<ErrorEvent>().Count(), run.Delivered.OfType<ErrorEvent>().Count());
        Assert.All(drops, d => Assert.Equal("socket", d.Edge));
        // What passes keeps its order.
        var order = Ids(script);
        var delivered = Ids(run.Delivered).Select(id => order.IndexOf(id)).ToList();
        Assert.Equal(delivered.Order(), delivered);
    }

    [Fact]
    public void Duplicate_should_deliver_some_events_twice_with_the_same_event_id()
    {
        var script = Script(200);
        var run = Run("duplicate-rate = 0.2", script);
        var duplicates = run.Log.Recent.Count(f => f.Kind == "duplicate");
        Assert.InRange(duplicates, 15, 70);
        Assert.Equal(script.Count + duplicates, run.Delivered.Count);
        Assert.Equal(duplicates, run.Delivered.GroupBy(e => e.EventId).Count(g => g.Count() == 2));
    }

    [Fact]
    public void Reorder_should_swap_an_event_with_the_next_one_and_keep_everything_else_in_order()
    {
        var script = Script(200);
        var run = Run("reorder-rate = 0.1", script);
        var reorders = run.Log.Recent.Count(f => f.Kind == "reorder");
        Assert.InRange(reorders, 5, 40);
        Assert.Equal(Ids(script).Order(), Ids(run.Delivered).Order());
        var positions = Ids(run.Delivered).Select(id => Ids(script).IndexOf(id)).ToList();
        var inversions = positions.Zip(positions.Skip(1)).Count(p => p.First > p.Second);
        Assert.InRange(inversions, reorders - 1, reorders); // a held last event goes on alone
        Assert.All(positions.Select((p, i) => Math.Abs(p - i)), d => Assert.True(d <= 1, "an event moves by one place at most"));
    }

    [Fact]
    public async Task A_held_event_should_go_on_alone_when_no_next_event_comes()
    {
        var log = new FaultLog();
        var delivered = new ConcurrentQueue<RealtimeEvent>();
        await using var proxy = new SocketFaultProxy(Faults("reorder-rate = 1"), new FaultDice(1, "socket"), log, delivered.Enqueue, _ => { });
        proxy.Push(Delta("r1", 1));
        Assert.Empty(delivered);
        await Task.Delay(SocketFaultProxy.ReorderHold * 6);
        Assert.Single(delivered);
    }

    [Fact]
    public void Error_rate_should_insert_injected_server_errors_before_events()
    {
        var script = Script(200);
        var run = Run("error-rate = 0.1", script);
        var injected = run.Delivered.OfType<ErrorEvent>().Where(e => e.Error.Code == "injected_fault").ToList();
        Assert.InRange(injected.Count, 8, 40);
        Assert.All(injected, e => Assert.Equal("server_error", e.Error.Type));
        Assert.Equal(injected.Count, run.Log.Recent.Count(f => f.Kind == "error"));
        Assert.Equal(script.Count + injected.Count, run.Delivered.Count);
        Assert.Equal(injected.Count, injected.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public void Disconnect_after_events_should_deliver_exactly_that_many_and_then_drop_the_connection()
    {
        var run = Run("disconnect-after-events = 17", Script(100));
        Assert.Equal(17, run.Delivered.Count);
        Assert.NotNull(run.Disconnect);
        Assert.Single(run.Log.Recent, f => f.Kind == "disconnect");
    }

    [Fact]
    public void Disconnect_mid_response_should_drop_right_after_a_responses_first_audio_delta()
    {
        var run = Run("disconnect-mid-response = 1", Script(100));
        var last = Assert.IsType<ResponseOutputAudioDelta>(run.Delivered[^1]);
        Assert.Single(run.Delivered.OfType<ResponseOutputAudioDelta>());
        Assert.Contains(last.ResponseId, run.Disconnect, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_and_jitter_should_delay_every_event_and_keep_their_order()
    {
        var log = new FaultLog();
        var delivered = new ConcurrentQueue<(RealtimeEvent Event, long At)>();
        var clock = Stopwatch.StartNew();
        await using (var proxy = new SocketFaultProxy(Faults("latency = 60ms, jitter = 40ms"), new FaultDice(1, "socket"), log, e => delivered.Enqueue((e, clock.ElapsedMilliseconds)), _ => { }))
        {
            foreach (var e in Script(20))
            {
                proxy.Push(e);
            }

            await WaitUntilAsync(() => delivered.Count == 20);
        }

        Assert.Equal(Ids(Script(20)), delivered.Select(d => d.Event.EventId!).ToList());
        Assert.True(delivered.First().At >= 55, $"first event after {delivered.First().At} ms");
        Assert.Single(log.Recent, f => f.Kind == "latency");
    }

    [Fact]
    public async Task A_slow_consumer_should_read_each_event_that_much_later()
    {
        var log = new FaultLog();
        var delivered = new ConcurrentQueue<RealtimeEvent>();
        var clock = Stopwatch.StartNew();
        await using (var proxy = new SocketFaultProxy(Faults("slow-consumer = 20ms"), new FaultDice(1, "socket"), log, delivered.Enqueue, _ => { }))
        {
            foreach (var e in Script(10))
            {
                proxy.Push(e);
            }

            await WaitUntilAsync(() => delivered.Count == 10);
        }

        Assert.True(clock.ElapsedMilliseconds >= 190, $"10 events in {clock.ElapsedMilliseconds} ms");
        Assert.Single(log.Recent, f => f.Kind == "slow-consumer");
    }

    [Fact]
    public void The_same_seed_should_inject_the_same_faults_at_the_same_events_and_another_seed_should_not()
    {
        const string plan = "drop-rate = 0.1, duplicate-rate = 0.1, reorder-rate = 0.1, error-rate = 0.05";
        var a = Run(plan, Script(300), seed: 7);
        var b = Run(plan, Script(300), seed: 7);
        var c = Run(plan, Script(300), seed: 8);
        Assert.Equal(Ids(a.Delivered), Ids(b.Delivered));
        Assert.Equal(a.Log.Recent.Select(f => (f.Kind, f.Detail)), b.Log.Recent.Select(f => (f.Kind, f.Detail)));
        Assert.NotEqual(Ids(a.Delivered), Ids(c.Delivered));
    }

    [Fact]
    public void Recent_event_ids_should_refuse_a_repeated_id_and_forget_the_oldest_beyond_capacity()
    {
        var ids = new RecentEventIds(3);
        Assert.True(ids.Add("a"));
        Assert.False(ids.Add("a"));
        Assert.True(ids.Add("b"));
        Assert.True(ids.Add("c"));
        Assert.True(ids.Add("d"));
        Assert.True(ids.Add("a"));
        Assert.False(ids.Add("d"));
    }

    private static (List<RealtimeEvent> Delivered, FaultLog Log, string? Disconnect) Run(string socket, IReadOnlyList<RealtimeEvent> script, int seed = 1)
    {
        var log = new FaultLog();
        var delivered = new List<RealtimeEvent>();
        string? disconnect = null;
        var proxy = new SocketFaultProxy(Faults(socket), new FaultDice(seed, "socket"), log, delivered.Add, reason => disconnect = reason);
        foreach (var e in script)
        {
            proxy.Push(e);
        }

        // A reordered last event waits for a successor that never comes: the hold ends it.
        SpinWait.SpinUntil(() => false, SocketFaultProxy.ReorderHold * 4);
        proxy.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return (delivered, log, disconnect);
    }

    private static SocketFaults Faults(string socket) =>
        FaultPlan.Parse($"actorvoice.faults {{ enabled = on, socket {{ {socket} }} }}").Socket;

    private static List<string> Ids(IEnumerable<RealtimeEvent> events) => events.Select(e => e.EventId!).ToList();

    /// <summary>session.created, session.updated, then responses of audio deltas and a done, with an error now and then.</summary>
    private static List<RealtimeEvent> Script(int count)
    {
        var events = new List<RealtimeEvent>
        {
            new SessionCreated(new SessionConfig()) { EventId = "e0" },
            new SessionUpdated(new SessionConfig()) { EventId = "e1" },
        };
        var response = 0;
        while (events.Count < count)
        {
            response++;
            for (var i = 0; i < 5 && events.Count < count; i++)
            {
                events.Add(Delta($"resp_{response}", events.Count));
            }

            if (events.Count < count)
            {
                events.Add(events.Count % 3 == 0
                    ? new ErrorEvent(new RealtimeError("invalid_request_error", "scripted")) { EventId = $"e{events.Count}" }
                    : new ResponseDone(new RealtimeResponse($"resp_{response}", RealtimeResponse.Completed)) { EventId = $"e{events.Count}" });
            }
        }

        return events;
    }

    private static ResponseOutputAudioDelta Delta(string responseId, int n) =>
        new(responseId, "item_" + responseId, 0, 0, "AAAA") { EventId = $"e{n}" };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }
}
