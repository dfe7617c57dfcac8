using System.Diagnostics;

namespace ActorVoice.Engine.Knowledge;

/// <summary>
/// Waits <c>delay</c> before every query of an inner source (<c>actorvoice.engine.knowledge.added-latency</c>), so
/// that the built-in index or any backend behaves like a slower one in experiments. A cancelled query stops waiting at
/// once and never reaches the inner source. The result's <see cref="KnowledgeResult.Elapsed"/> includes the wait.
/// Owns the inner source (disposes it).
/// </summary>
public sealed class DelayedKnowledgeSource : IKnowledgeSource
{
    private readonly IKnowledgeSource _inner;
    private readonly TimeSpan _delay;

    public DelayedKnowledgeSource(IKnowledgeSource inner, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "knowledge.added-latency must not be negative.");
        }

        _inner = inner;
        _delay = delay;
    }

    /// <summary>The added delay.</summary>
    public TimeSpan Delay => _delay;

    public string Name => $"{_inner.Name} + {_delay.TotalMilliseconds:0} ms";

    public async Task<KnowledgeResult> QueryAsync(string question, bool partial, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Task.Delay(_delay, cancellationToken).ConfigureAwait(false);
        var result = await _inner.QueryAsync(question, partial, cancellationToken).ConfigureAwait(false);
        return result with { Elapsed = watch.Elapsed };
    }

    public void Dispose() => _inner.Dispose();
}
