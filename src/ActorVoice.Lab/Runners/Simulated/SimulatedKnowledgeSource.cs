using ActorVoice.Engine.Knowledge;
using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Scripts;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// The knowledge source of the simulated lab: real passages from the lab's own index (BM25 over the sample documents
/// and OR-ShARC, so reuse and agreement are judged on real retrieval), delivered after a latency in virtual time. A
/// query on one of the turn's scripted partials or on its final transcript takes the latency the script drew for it
/// (so every strategy and the analytic model see the same one); any other text draws from the experiment's uniform
/// range with a generator seeded by (seed, turn, text), never by arrival order or thread timing. Completion is a
/// <see cref="VirtualTimeScheduler"/> item; cancellation completes the query at once.
/// </summary>
public sealed class SimulatedKnowledgeSource : IKnowledgeSource
{
    private readonly VirtualTimeScheduler _clock;
    private readonly JobLedger _ledger;
    private readonly Func<string, IReadOnlyList<KnowledgePassage>> _search;
    private readonly int _seed;
    private readonly LatencyRange _latency;
    private volatile TurnScript? _script;

    /// <param name="clock">The simulation's virtual clock.</param>
    /// <param name="ledger">Told about every query that arrives (the driver waits for them).</param>
    /// <param name="search">Passages for a text, best first (fast and thread-safe).</param>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="latency">The experiment's knowledge latency range (texts the script does not know).</param>
    public SimulatedKnowledgeSource(VirtualTimeScheduler clock, JobLedger ledger, Func<string, IReadOnlyList<KnowledgePassage>> search, int seed, LatencyRange latency)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(latency);
        _clock = clock;
        _ledger = ledger;
        _search = search;
        _seed = seed;
        _latency = latency;
    }

    public string Name => "simulated (lab index, virtual-time latency)";

    /// <summary>The turn whose queries follow.</summary>
    public void BeginTurn(TurnScript script) => _script = script;

    public Task<KnowledgeResult> QueryAsync(string question, bool partial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var script = _script ?? throw new InvalidOperationException("No simulated turn is running.");
        var latency = LatencyOf(script, question);
        var result = new KnowledgeResult(question, _search(question), null, TimeSpan.FromMilliseconds(latency));
        var completion = new TaskCompletionSource<KnowledgeResult>();
        var registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        _clock.ScheduleSourceCompletion(TimeSpan.FromMilliseconds(latency), question, () =>
        {
            registration.Dispose();
            if (!cancellationToken.IsCancellationRequested)
            {
                _ledger.Answered(question, _clock.Now);
                completion.TrySetResult(result);
            }
        });
        _ledger.Arrived(question);
        return completion.Task;
    }

    public void Dispose()
    {
    }

    /// <summary>The latency of a query on <paramref name="question"/> in the turn of <paramref name="script"/>, in milliseconds.</summary>
    public double LatencyOf(TurnScript script, string question)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(question);
        var key = JobLedger.KeyOf(question);
        if (key == JobLedger.KeyOf(script.FinalText))
        {
            return script.FinalKnowledgeLatencyMs;
        }

        foreach (var p in script.Partials)
        {
            if (key == JobLedger.KeyOf(p.Text))
            {
                return p.KnowledgeLatencyMs;
            }
        }

        var random = new Random(StableHash(_seed, script.Turn, key));
        return Math.Round(_latency.Draw(random), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>FNV-1a over the seed, the turn and the text: the same in every process (string.GetHashCode is not).</summary>
    private static int StableHash(int seed, int turn, string text)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var value in new[] { seed, turn })
            {
                hash = (hash ^ (uint)value) * 16777619u;
            }

            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash & 0x7FFFFFFF);
        }
    }
}
