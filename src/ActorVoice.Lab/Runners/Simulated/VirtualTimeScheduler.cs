using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// A minimal virtual-time <see cref="IScheduler"/> for the simulated lab (configured as
/// <c>akka.scheduler.implementation</c>). Time stands still until the driver calls <see cref="TryAdvanceToNext"/>,
/// which moves it to the earliest due item and runs every item due then, in a deterministic order: due time, then
/// lane (engine work before the simulated knowledge source's completions), then tie-break text, then scheduling order.
/// Unlike Akka.TestKit's TestScheduler it can say when the next item is due, so the driver jumps from event to event
/// (exact marks, no fixed step) and each mark is the virtual time its item was due. Thread-safe.
/// </summary>
public sealed class VirtualTimeScheduler : IScheduler, IAdvancedScheduler
{
    /// <summary>Virtual time starts here, so absolute times are the same in every run.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly SortedSet<Item> _items = new(ItemOrder.Instance);
    private DateTimeOffset _now = Epoch;
    private long _sequence;

    /// <summary>The constructor Akka calls for <c>akka.scheduler.implementation</c>; both arguments are unused.</summary>
    public VirtualTimeScheduler(Akka.Configuration.Config schedulerConfig, ILoggingAdapter log)
    {
        _ = schedulerConfig;
        _ = log;
    }

    public DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }
    }

    public TimeSpan MonotonicClock => Now - Epoch;

    public TimeSpan HighResMonotonicClock => MonotonicClock;

    public IAdvancedScheduler Advanced => this;

    /// <summary>Items waiting (cancelled ones included until their time comes).</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> at <paramref name="delay"/> from now in the source lane, ordered by <paramref name="tieBreak"/> among items due at the same time.</summary>
    public void ScheduleSourceCompletion(TimeSpan delay, string tieBreak, Action action) =>
        Add(delay, lane: 1, tieBreak, action, null, null, null, null, TimeSpan.Zero);

    /// <summary>
    /// Moves time to the earliest due item not later than <paramref name="limit"/> and runs every item due then.
    /// False when nothing is due by then (time does not move).
    /// </summary>
    public bool TryAdvanceToNext(DateTimeOffset limit)
    {
        List<Item> due;
        lock (_gate)
        {
            if (_items.Count == 0 || _items.Min!.Due > limit)
            {
                return false;
            }

            var at = _items.Min!.Due;
            _now = at;
            due = [];
            while (_items.Count > 0 && _items.Min!.Due == at)
            {
                due.Add(_items.Min);
                _items.Remove(_items.Min);
            }
        }

        foreach (var item in due)
        {
            Run(item);
        }

        return true;
    }

    /// <summary>Drops every waiting item (between turns: what is left belongs to stopped actors).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _items.Clear();
        }
    }

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender) =>
        Add(delay, 0, string.Empty, null, receiver, message, sender, null, TimeSpan.Zero);

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Add(delay, 0, string.Empty, null, receiver, message, sender, cancelable, TimeSpan.Zero);

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender) =>
        Add(initialDelay, 0, string.Empty, null, receiver, message, sender, null, interval);

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Add(initialDelay, 0, string.Empty, null, receiver, message, sender, cancelable, interval);

    public void ScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Add(delay, 0, string.Empty, action, null, null, null, cancelable, TimeSpan.Zero);

    public void ScheduleOnce(TimeSpan delay, Action action) =>
        Add(delay, 0, string.Empty, action, null, null, null, null, TimeSpan.Zero);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Add(initialDelay, 0, string.Empty, action, null, null, null, cancelable, interval);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action) =>
        Add(initialDelay, 0, string.Empty, action, null, null, null, null, interval);

    public void ScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Add(delay, 0, string.Empty, action.Run, null, null, null, cancelable, TimeSpan.Zero);

    public void ScheduleOnce(TimeSpan delay, IRunnable action) =>
        Add(delay, 0, string.Empty, action.Run, null, null, null, null, TimeSpan.Zero);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Add(initialDelay, 0, string.Empty, action.Run, null, null, null, cancelable, interval);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action) =>
        Add(initialDelay, 0, string.Empty, action.Run, null, null, null, null, interval);

    private void Add(TimeSpan delay, int lane, string tieBreak, Action? action, ICanTell? receiver, object? message, IActorRef? sender, ICancelable? cancelable, TimeSpan interval)
    {
        lock (_gate)
        {
            var due = _now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
            _items.Add(new Item(due, lane, tieBreak, ++_sequence, action, receiver, message, sender, cancelable, interval));
        }
    }

    private void Run(Item item)
    {
        if (item.Cancelable is { IsCancellationRequested: true })
        {
            return;
        }

        if (item.Receiver is not null)
        {
            item.Receiver.Tell(item.Message!, item.Sender ?? ActorRefs.NoSender);
        }
        else
        {
            item.Action!();
        }

        if (item.Interval > TimeSpan.Zero)
        {
            Add(item.Interval, item.Lane, item.TieBreak, item.Action, item.Receiver, item.Message, item.Sender, item.Cancelable, item.Interval);
        }
    }

    private sealed record Item(
        DateTimeOffset Due,
        int Lane,
        string TieBreak,
        long Sequence,
        Action? Action,
        ICanTell? Receiver,
        object? Message,
        IActorRef? Sender,
        ICancelable? Cancelable,
        TimeSpan Interval);

    private sealed class ItemOrder : IComparer<Item>
    {
        public static readonly ItemOrder Instance = new();

        public int Compare(Item? x, Item? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var c = x.Due.CompareTo(y.Due);
            if (c == 0)
            {
                c = x.Lane.CompareTo(y.Lane);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(x.TieBreak, y.TieBreak);
            }

            return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
