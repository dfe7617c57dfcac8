namespace ActorVoice.Engine.Speculation;

/// <summary>
/// The turns the <see cref="SpeculatorActor"/> keeps state for, and the newest turn id seen: partials of older turns
/// are late, and a newer turn abandons older ones that never got a final transcript. New turns report the jobs they
/// cancel to <paramref name="cancelled"/>.
/// </summary>
public sealed class SpeculationTurns(Action<SpeculationJob> cancelled)
{
    private readonly Dictionary<long, TurnSpeculation> _turns = [];
    private long _latestTurnId = long.MinValue;

    /// <summary>True when a newer turn has already been seen.</summary>
    public bool IsSuperseded(long turnId) => turnId < _latestTurnId;

    /// <summary>
    /// Records that <paramref name="turnId"/> is in progress; when it is newer than any seen, returns the older turns
    /// that never got a final transcript (they will not get one), else nothing.
    /// </summary>
    public IReadOnlyList<TurnSpeculation> Advance(long turnId)
    {
        if (turnId <= _latestTurnId)
        {
            return [];
        }

        _latestTurnId = turnId;
        return _turns.Values.Where(t => t.Id < turnId && t.Final is null).ToList();
    }

    public TurnSpeculation GetOrAdd(long turnId)
    {
        if (!_turns.TryGetValue(turnId, out var turn))
        {
            turn = new TurnSpeculation(turnId, cancelled);
            _turns[turnId] = turn;
        }

        return turn;
    }

    public bool TryGet(long turnId, out TurnSpeculation turn) => _turns.TryGetValue(turnId, out turn!);

    public void Remove(long turnId) => _turns.Remove(turnId);
}
