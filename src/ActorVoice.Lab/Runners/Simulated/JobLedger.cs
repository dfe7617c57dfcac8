using ActorVoice.Engine.Speculation;

namespace ActorVoice.Lab.Runners.Simulated;

/// <summary>
/// The retrieval jobs of the running turn as the <see cref="SpeculatorActor"/> published them (start, end, cancel, at
/// virtual times), and the queries the simulated knowledge source has received. The speculator hands each query to
/// the thread pool; the driver must not move virtual time while a started query has not reached the source yet
/// (<see cref="AllQueriesSettled"/>), or the query would be timed from a later instant. Thread-safe.
/// </summary>
public sealed class JobLedger
{
    private readonly object _gate = new();
    private readonly List<JobRecord> _jobs = [];
    private readonly Dictionary<string, int> _arrived = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, DateTimeOffset First)> _answered = new(StringComparer.Ordinal);

    /// <summary>The jobs of the turn, in order of start.</summary>
    public IReadOnlyList<JobRecord> Jobs
    {
        get
        {
            lock (_gate)
            {
                return _jobs.ToArray();
            }
        }
    }

    /// <summary>The key a query text is matched to its job by: the speculator's normalised words.</summary>
    public static string KeyOf(string text) => SpeculationText.Key(SpeculationText.Words(text));

    public void Reset()
    {
        lock (_gate)
        {
            _jobs.Clear();
            _arrived.Clear();
            _answered.Clear();
        }
    }

    public void Record(SpeculatorActor.JobChanged change, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (change.Change == JobChange.Started)
            {
                _jobs.Add(new JobRecord(change.JobId, change.Prefix, change.Speculative, at));
                return;
            }

            var job = _jobs.Find(j => j.JobId == change.JobId);
            if (job is null)
            {
                return;
            }

            switch (change.Change)
            {
                case JobChange.Cancelled:
                    job.CancelledAt ??= at;
                    break;
                case JobChange.Failed:
                    job.EndedAt ??= at;
                    job.Failed = true;
                    break;
                default:
                    job.EndedAt ??= at;
                    break;
            }
        }
    }

    public void Arrived(string question)
    {
        var key = KeyOf(question);
        lock (_gate)
        {
            _arrived[key] = _arrived.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>The source answered a query on <paramref name="question"/> (its result is on its way to the speculator).</summary>
    public void Answered(string question, DateTimeOffset at)
    {
        var key = KeyOf(question);
        lock (_gate)
        {
            _answered[key] = _answered.TryGetValue(key, out var answered) ? (answered.Count + 1, answered.First) : (1, at);
        }
    }

    /// <summary>
    /// True when every job started and not cancelled has reached the source, and every answer the source gave has
    /// reached the speculator (its job ended or had been cancelled), matched by key. The result travels through the
    /// thread pool (the speculator pipes the query's task to itself), so the driver waits for both.
    /// </summary>
    public bool AllQueriesSettled()
    {
        lock (_gate)
        {
            foreach (var answered in _answered)
            {
                // A job cancelled before the first answer for its text cannot be the one answered (its query was cancelled).
                var (key, (count, first)) = (answered.Key, answered.Value);
                var exact = _jobs.Any(j => j.Prefix == key);
                var received = _jobs.Count(j =>
                    (exact ? j.Prefix == key : Extends(key, j.Prefix))
                    && (j.EndedAt is not null || j.CancelledAt >= first));
                if (received < count)
                {
                    return false;
                }
            }

            foreach (var group in _jobs.GroupBy(j => j.Prefix, StringComparer.Ordinal))
            {
                // A job cancelled in the instant it started may never reach the source (its task is cancelled before it
                // runs); any other job was live while the driver waited, so it has reached the source (or must).
                var needed = group.Count(j => j.CancelledAt is null || j.CancelledAt > j.StartedAt);
                if (needed > 0 && ArrivedFor(group.Key) < needed)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static bool Extends(string key, string prefix) => key.StartsWith(prefix + " ", StringComparison.Ordinal);

    /// <summary>Queries whose key is the job's prefix, or extends it (a job on a partial's stable words gets the whole partial).</summary>
    private int ArrivedFor(string prefix)
    {
        var exact = _arrived.GetValueOrDefault(prefix);
        return exact > 0
            ? exact
            : _arrived.Where(a => Extends(a.Key, prefix)).Sum(a => a.Value);
    }
}
