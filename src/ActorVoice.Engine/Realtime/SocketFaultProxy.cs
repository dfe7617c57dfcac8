using System.Threading.Channels;
using ActorVoice.Faults;
using ActorVoice.Realtime.Protocol;
using ActorVoice.Realtime.Protocol.Events;

namespace ActorVoice.Engine.Realtime;

/// <summary>
/// The socket faults of <c>actorvoice.faults.socket</c>, between a connection's receive loop and the engine: every
/// decoded server event goes in through <see cref="Push"/> and comes out, in one ordered path, through the delivery
/// callback (which decodes the audio and hands the event on), so audio deltas keep their place among the other events.
/// It may drop, duplicate, reorder (swap with the next event), insert error events, delay (latency, jitter, a slow
/// consumer) and drop the connection (after N delivered events, or right after a response's first audio delta).
/// Every fault goes to the <see cref="FaultLog"/> under edge "socket". One instance per connection, seeded by its own
/// dice, so a replay injects the same faults at the same events. A connection without socket faults has no proxy.
/// </summary>
public sealed class SocketFaultProxy : IAsyncDisposable
{
    public const string Edge = "socket";
    private const string KindError = "error";
    private const string KindDrop = "drop";
    private const string KindDuplicate = "duplicate";
    private const string KindReorder = "reorder";
    private const string KindDisconnect = "disconnect";

    /// <summary>How long a held (reordered) event waits at most for the next one before it goes on alone.</summary>
    public static readonly TimeSpan ReorderHold = TimeSpan.FromMilliseconds(50);

    private readonly SocketFaults _faults;
    private readonly FaultDice _dice;
    private readonly FaultLog _log;
    private readonly Action<RealtimeEvent> _deliver;
    private readonly Action<string> _disconnect;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Channel<(RealtimeEvent Event, long Due)>? _delayed;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump = Task.CompletedTask;
    private readonly HashSet<string> _audioSeen = new(StringComparer.Ordinal);
    private readonly ITimer? _holdTimer;
    private RealtimeEvent? _held;
    private long _lastDue;
    private int _delivered;
    private int _injectedErrors;
    private bool _disconnected;

    /// <param name="faults">The socket section of the plan.</param>
    /// <param name="dice">This connection's random stream (<c>faults.NextDice("socket")</c>).</param>
    /// <param name="log">Where each injected fault is recorded.</param>
    /// <param name="deliver">Hands an event on to the engine; called in order, never concurrently.</param>
    /// <param name="disconnect">Drops the connection for real (aborts the socket); called once, with what caused it.</param>
    /// <param name="time">The clock of the delays (a fake one in tests).</param>
    public SocketFaultProxy(SocketFaults faults, FaultDice dice, FaultLog log, Action<RealtimeEvent> deliver, Action<string> disconnect, TimeProvider? time = null)
    {
        _faults = faults ?? throw new ArgumentNullException(nameof(faults));
        _dice = dice ?? throw new ArgumentNullException(nameof(dice));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _deliver = deliver ?? throw new ArgumentNullException(nameof(deliver));
        _disconnect = disconnect ?? throw new ArgumentNullException(nameof(disconnect));
        _time = time ?? TimeProvider.System;
        if (faults.Latency > TimeSpan.Zero || faults.Jitter > TimeSpan.Zero || faults.SlowConsumer > TimeSpan.Zero)
        {
            // Delays run on one pump, so events keep their order (each is due no earlier than the one before it).
            _delayed = Channel.CreateUnbounded<(RealtimeEvent, long)>(new UnboundedChannelOptions { SingleReader = true });
            _pump = Task.Run(PumpAsync, CancellationToken.None);
            // Delays apply to every event: recorded once per connection, not once per event.
            if (faults.Latency > TimeSpan.Zero || faults.Jitter > TimeSpan.Zero)
            {
                Record("latency", $"{faults.Latency.TotalMilliseconds:0} ms + jitter up to {faults.Jitter.TotalMilliseconds:0} ms on {dice.Edge}");
            }

            if (faults.SlowConsumer > TimeSpan.Zero)
            {
                Record("slow-consumer", $"{faults.SlowConsumer.TotalMilliseconds:0} ms per event on {dice.Edge}");
            }
        }

        if (faults.ReorderRate > 0)
        {
            _holdTimer = _time.CreateTimer(_ => ReleaseHeld(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Events handed on so far (duplicates and inserted errors included).</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>One server event as it arrived from the socket.</summary>
    public void Push(RealtimeEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (_gate)
        {
            if (_disconnected)
            {
                return;
            }

            if (_dice.Roll(_faults.ErrorRate))
            {
                var id = ++_injectedErrors;
                Record(KindError, $"before {e.Type}");
                Emit(new ErrorEvent(new RealtimeError("server_error", "Injected fault (actorvoice.faults.socket.error-rate).") { Code = "injected_fault" })
                {
                    EventId = $"event_fault_{id}",
                });
            }

            var untouchable = IsUntouchable(e);
            if (!untouchable && _dice.Roll(_faults.DropRate))
            {
                Record(KindDrop, e.Type);
                return;
            }

            var duplicate = !untouchable && _dice.Roll(_faults.DuplicateRate);
            if (_held is null && !untouchable && _dice.Roll(_faults.ReorderRate))
            {
                Record(KindReorder, e.Type);
                _held = e;
                _holdTimer!.Change(ReorderHold, Timeout.InfiniteTimeSpan);
                if (duplicate)
                {
                    Record(KindDuplicate, e.Type);
                    Emit(e);
                }

                return;
            }

            Emit(e);
            if (duplicate)
            {
                Record(KindDuplicate, e.Type);
                Emit(e);
            }

            if (_held is { } held)
            {
                _held = null;
                _holdTimer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                Emit(held);
            }
        }
    }

    /// <summary>session.created/updated and errors are never dropped, duplicated nor reordered (the plan's contract).</summary>
    private static bool IsUntouchable(RealtimeEvent e) => e is SessionCreated or SessionUpdated or ErrorEvent;

    private void ReleaseHeld()
    {
        lock (_gate)
        {
            if (_held is { } held && !_disconnected)
            {
                _held = null;
                Emit(held);
            }
        }
    }

    private void Emit(RealtimeEvent e)
    {
        if (_delayed is null)
        {
            Deliver(e);
            return;
        }

        var now = _time.GetTimestamp();
        var delay = _faults.Latency + _dice.Upto(_faults.Jitter);
        var due = Math.Max(_lastDue, now + (long)(delay.TotalSeconds * _time.TimestampFrequency));
        _lastDue = due;
        _delayed.Writer.TryWrite((e, due));
    }

    private async Task PumpAsync()
    {
        var reader = _delayed!.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token))
            {
                while (reader.TryRead(out var item))
                {
                    var wait = _time.GetElapsedTime(_time.GetTimestamp(), item.Due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, _time, _stop.Token);
                    }

                    if (_faults.SlowConsumer > TimeSpan.Zero)
                    {
                        await Task.Delay(_faults.SlowConsumer, _time, _stop.Token);
                    }

                    lock (_gate)
                    {
                        if (_disconnected)
                        {
                            return;
                        }

                        Deliver(item.Event);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    /// <summary>Hands one event on and drops the connection when the plan says so (always under the gate).</summary>
    private void Deliver(RealtimeEvent e)
    {
        if (_disconnected)
        {
            return;
        }

        _deliver(e);
        _delivered++;
        if (_faults.DisconnectAfterEvents > 0 && _delivered >= _faults.DisconnectAfterEvents)
        {
            Disconnect($"after {_delivered} events (last {e.Type})");
        }
        else if (e is ResponseOutputAudioDelta delta && _audioSeen.Add(delta.ResponseId) && _dice.Roll(_faults.DisconnectMidResponse))
        {
            Disconnect($"mid-response {delta.ResponseId}");
        }
    }

    private void Disconnect(string detail)
    {
        _disconnected = true;
        _held = null;
        Record(KindDisconnect, detail);
        _stop.Cancel();
        _disconnect(detail);
    }

    private void Record(string kind, string detail) => _log.Record(Edge, kind, detail);

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disconnected = true;
        }

        await _stop.CancelAsync();
        _delayed?.Writer.TryComplete();
        await _pump;
        if (_holdTimer is not null)
        {
            await _holdTimer.DisposeAsync();
        }

        _stop.Dispose();
    }
}
