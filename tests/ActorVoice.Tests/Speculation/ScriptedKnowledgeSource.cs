using System.Threading.Channels;
using ActorVoice.Engine.Knowledge;

namespace ActorVoice.Tests.Speculation;

/// <summary>
/// A knowledge source whose queries complete only when the test says so. Each call becomes a
/// <see cref="ScriptedQuery"/> the test takes with <see cref="NextAsync"/>; cancelling the token cancels the query.
/// </summary>
public sealed class ScriptedKnowledgeSource : IKnowledgeSource
{
    private readonly Channel<ScriptedQuery> _queries = Channel.CreateUnbounded<ScriptedQuery>();
    private int _calls;

    public string Name => "scripted";

    public int Calls => Volatile.Read(ref _calls);

    public Task<KnowledgeResult> QueryAsync(string question, bool partial, CancellationToken cancellationToken)
    {
        var query = new ScriptedQuery(question, partial, cancellationToken);
        Interlocked.Increment(ref _calls);
        _queries.Writer.TryWrite(query);
        return query.Task;
    }

    /// <summary>The next query the actor started.</summary>
    public async Task<ScriptedQuery> NextAsync() =>
        await _queries.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>True when no query is waiting to be taken.</summary>
    public bool NoneWaiting => !_queries.Reader.TryPeek(out _);

    public void Dispose() => _queries.Writer.TryComplete();
}
