using ActorVoice.Faults;

namespace ActorVoice.Engine.Knowledge;

/// <summary>
/// Injects the knowledge faults of a fault plan (<c>actorvoice.faults.knowledge</c>) around an inner source: per query
/// it may throw a <see cref="KnowledgeSourceException"/> (failure), never answer until cancelled (timeout: the
/// speculation deadline must catch it), or answer late by <see cref="KnowledgeFaults.Spike"/> (spike). The draws come
/// from one seeded <see cref="FaultDice"/>, in query order, so a run replays exactly; every fault is recorded in the
/// <see cref="FaultLog"/>. Does not own the inner source (the speculator's source belongs to the host).
/// </summary>
public sealed class FaultyKnowledgeSource : IKnowledgeSource
{
    public const string Edge = "knowledge";
    private readonly IKnowledgeSource _inner;
    private readonly KnowledgeFaults _faults;
    private readonly FaultDice _dice;
    private readonly FaultLog _log;

    public FaultyKnowledgeSource(IKnowledgeSource inner, KnowledgeFaults faults, FaultDice dice, FaultLog log)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(dice);
        ArgumentNullException.ThrowIfNull(log);
        _inner = inner;
        _faults = faults;
        _dice = dice;
        _log = log;
    }

    public string Name => $"{_inner.Name} (with injected faults)";

    /// <summary><paramref name="source"/> itself when the run injects no knowledge fault, else the source wrapped.</summary>
    public static IKnowledgeSource Wrap(IKnowledgeSource source, FaultInjection faults)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(faults);
        return faults.Knowledge is { } plan ? new FaultyKnowledgeSource(source, plan, faults.NextDice(Edge), faults.Log) : source;
    }

    public async Task<KnowledgeResult> QueryAsync(string question, bool partial, CancellationToken cancellationToken)
    {
        // Draw all three in a fixed order per query, so one kind's rate does not shift the draws of the others.
        var fail = _dice.Roll(_faults.FailureRate);
        var hang = _dice.Roll(_faults.TimeoutRate);
        var spike = _faults.Spike > TimeSpan.Zero && _dice.Roll(_faults.SpikeRate);
        if (fail)
        {
            _log.Record(Edge, "failure", Describe(question, partial));
            throw new KnowledgeSourceException($"{_inner.Name}: injected failure");
        }

        if (hang)
        {
            _log.Record(Edge, "timeout", Describe(question, partial));
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }

        if (spike)
        {
            _log.Record(Edge, "spike", $"{_faults.Spike.TotalMilliseconds:0} ms: {Describe(question, partial)}");
            await Task.Delay(_faults.Spike, cancellationToken).ConfigureAwait(false);
        }

        var result = await _inner.QueryAsync(question, partial, cancellationToken).ConfigureAwait(false);
        return spike ? result with { Elapsed = result.Elapsed + _faults.Spike } : result;
    }

    public void Dispose()
    {
        // The inner source is owned by whoever created it.
    }

    private static string Describe(string question, bool partial) => (partial ? "partial: " : "final: ") + question;
}
