namespace ActorVoice.Engine.Realtime;

/// <summary>
/// The event ids a connection received most recently (a bounded set: the oldest id goes first), so that a server
/// event delivered twice is handled once. Server event ids are unique per connection; a duplicate arrives close to
/// the original, so a window of recent ids suffices. Not thread-safe: one receive path owns it.
/// </summary>
public sealed class RecentEventIds(int capacity)
{
    public const int DefaultCapacity = 1024;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>True when <paramref name="id"/> was not among the recent ids (it is now).</summary>
    public bool Add(string id)
    {
        if (!_ids.Add(id))
        {
            return false;
        }

        _order.Enqueue(id);
        if (_order.Count > Capacity)
        {
            _ids.Remove(_order.Dequeue());
        }

        return true;
    }
}
