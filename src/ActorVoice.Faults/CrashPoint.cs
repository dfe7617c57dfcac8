namespace ActorVoice.Faults;

/// <summary>
/// Where a planned crash strikes one actor: the actor calls <see cref="BeforeMessage"/> at the top of each message it
/// receives (in <c>AroundReceive</c>); it throws <see cref="InjectedFaultException"/> when the plan says so. Counts
/// survive the actor's restarts (the point belongs to the run, not the instance), so each crash fires once.
/// </summary>
public sealed class CrashPoint
{
    private readonly FaultInjection _faults;
    private readonly ActorCrash[] _crashes;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private long _messages;

    internal CrashPoint(FaultInjection faults, string actor, ActorCrash[] crashes)
    {
        _faults = faults;
        Actor = actor;
        _crashes = crashes;
    }

    public string Actor { get; }

    /// <summary>True when a crash is planned for this actor (a point without one costs a field read per message).</summary>
    public bool Armed => _crashes.Length > 0;

    /// <exception cref="InjectedFaultException">The plan crashes this actor at this message.</exception>
    public void BeforeMessage(object message)
    {
        if (_crashes.Length == 0)
        {
            return;
        }

        var count = Interlocked.Increment(ref _messages);
        var elapsed = DateTimeOffset.UtcNow - _started;
        foreach (var crash in _crashes)
        {
            var due = crash.AtMessage > 0 ? count == crash.AtMessage : elapsed >= crash.After;
            if (due && _faults.TryFire(crash))
            {
                _faults.Log.Record("actor", "crash", $"{Actor} on {message.GetType().Name} ({crash})");
                throw new InjectedFaultException($"injected crash of {Actor} ({crash})");
            }
        }
    }
}
