using Akka.Actor;
using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Engine.Speculation;

/// <summary>
/// Runs the <see cref="SpeculatorActor"/>'s knowledge queries off its thread, each with its own cancellation token,
/// and reports each outcome to the actor as <see cref="Succeeded"/> or <see cref="Faulted"/>. A query's token source
/// is kept until it reports back (<see cref="TryTake"/>) or the actor stops (<see cref="CancelAll"/>).
/// </summary>
public sealed class SpeculationQueries(IKnowledgeSource source)
{
    private readonly Dictionary<long, SpeculationJob> _unreported = [];
    private long _nextJobId;

    /// <summary>Starts a query for <paramref name="question"/>; its outcome goes to <paramref name="reportTo"/>.</summary>
    public SpeculationJob Start(long turnId, IReadOnlyList<string> words, string question, bool partial, bool speculative, DateTimeOffset now, IActorRef reportTo)
    {
        var job = new SpeculationJob(++_nextJobId, turnId, words, speculative, now, new CancellationTokenSource());
        _unreported[job.Id] = job;
        var token = job.Cts.Token;
        var id = job.Id;
        // Task.Run keeps even a source that blocks before its first await off the actor's thread.
        Telemetry.LiveResources.SpeculativeJobs.Track(Task.Run(() => source.QueryAsync(question, partial, token), token))
            .PipeTo(reportTo, success: result => new Succeeded(id, result), failure: ex => new Faulted(id, Describe(ex)));
        return job;
    }

    /// <summary>The query of <paramref name="jobId"/> reported back: forget it and release its token source.</summary>
    public bool TryTake(long jobId, out SpeculationJob job)
    {
        if (!_unreported.Remove(jobId, out job!))
        {
            return false;
        }

        job.Cts.Dispose();
        return true;
    }

    /// <summary>Cancels every query that has not reported back and releases its token source.</summary>
    public void CancelAll()
    {
        foreach (var job in _unreported.Values)
        {
            job.Cts.Cancel();
            job.Cts.Dispose();
        }

        _unreported.Clear();
    }

    private static string Describe(Exception ex) =>
        ex is AggregateException { InnerException: { } inner } ? Describe(inner) : ex.Message;

    /// <summary>To the actor: the query of <paramref name="JobId"/> returned <paramref name="Result"/>.</summary>
    public sealed record Succeeded(long JobId, KnowledgeResult Result);

    /// <summary>To the actor: the query of <paramref name="JobId"/> failed.</summary>
    public sealed record Faulted(long JobId, string Reason);
}
