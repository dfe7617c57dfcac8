using ActorVoice.Engine.Turns;

namespace ActorVoice.Engine.Sessions;

/// <summary>
/// ActorVoice's own record of a conversation: each finished turn's final transcript and the part of its answer the user
/// heard (never audio the user cut off). Realtime sessions cannot be resumed, so a new connection is re-seeded from
/// this log. Bounded: the oldest entries go first once <see cref="Capacity"/> is reached.
/// </summary>
public sealed class TranscriptLog
{
    private readonly LinkedList<TranscriptEntry> _entries = new();

    public TranscriptLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public IReadOnlyList<TranscriptEntry> Entries => [.. _entries];

    /// <summary>Adds what a finished turn leaves in the conversation: the user's words and the heard part of the answer.</summary>
    public void Add(TurnResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!string.IsNullOrWhiteSpace(result.Transcript))
        {
            Append(new TranscriptEntry(result.TurnNumber, TranscriptEntry.User, result.Transcript.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(result.HeardAnswer))
        {
            Append(new TranscriptEntry(result.TurnNumber, TranscriptEntry.Assistant, result.HeardAnswer.Trim()));
        }
    }

    /// <summary>Puts back entries of an earlier log (a session moved to another node), oldest first.</summary>
    public void Restore(IEnumerable<TranscriptEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            Append(entry);
        }
    }

    private void Append(TranscriptEntry entry)
    {
        _entries.AddLast(entry);
        while (_entries.Count > Capacity)
        {
            _entries.RemoveFirst();
        }
    }
}
