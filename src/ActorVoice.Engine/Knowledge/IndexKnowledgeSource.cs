using System.Diagnostics;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Engine.Knowledge;

/// <summary>
/// The built-in document index as a knowledge source: returns the top passages and no ready answer (the answer is
/// composed from the passages). The search runs on the thread pool. The index is not owned: disposing this source
/// leaves it open.
/// </summary>
public sealed class IndexKnowledgeSource : IKnowledgeSource
{
    private readonly IKnowledgeIndex _index;
    private readonly int _topK;
    private readonly TimeSpan _timeout;

    public IndexKnowledgeSource(IKnowledgeIndex index, int topK, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The search timeout must be positive.");
        }

        _index = index;
        _topK = topK;
        _timeout = timeout;
    }

    public string Name => $"index ({_index.ChunkCount} chunks)";

    public async Task<KnowledgeResult> QueryAsync(string question, bool partial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var token = timeout.Token;
        try
        {
            return await Task.Run(() => Search(question, partial, token), token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KnowledgeSourceException($"The index search took longer than {_timeout.TotalMilliseconds:0} ms.");
        }
    }

    private KnowledgeResult Search(string question, bool partial, CancellationToken token)
    {
        var watch = Stopwatch.StartNew();
        var text = partial ? CachingEmbedder.CompleteWordPrefix(question).Trim() : question.Trim();
        IReadOnlyList<KnowledgePassage> passages = _index is KnowledgeIndex hybrid
            // The hybrid index drops the unfinished word itself (and knows not to embed it).
            ? [.. hybrid.Search(question, _topK, hybrid.Options.DefaultMode, partial, token).Select(h => ToPassage(h.Chunk, h.Score))]
            : [.. _index.Search(text, _topK, token).Select(h => ToPassage(h.Chunk, h.Score))];
        token.ThrowIfCancellationRequested();
        return new KnowledgeResult(text, passages, null, watch.Elapsed);
    }

    private static KnowledgePassage ToPassage(DocumentChunk chunk, double score) =>
        new(chunk.Document, chunk.ChunkIndex, chunk.HeadingPath, chunk.Text, score);

    public void Dispose()
    {
        // The index belongs to whoever opened it.
    }
}
