using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Fusion;

namespace ActorVoice.Evaluation.Ranking;

/// <summary>Embeds passages into a vector index and ranks them by cosine similarity to the embedded query.</summary>
public sealed class DenseRanker : IDisposable
{
    private readonly ITextEmbedder embedder;
    private readonly IVectorIndex index;
    private readonly string[] idsByPosition;

    private DenseRanker(ITextEmbedder embedder, IVectorIndex index, string[] idsByPosition)
    {
        this.embedder = embedder;
        this.index = index;
        this.idsByPosition = idsByPosition;
    }

    public static DenseRanker Build(
        ITextEmbedder embedder,
        IReadOnlyList<(string Id, string Text)> passages,
        VectorIndexOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(passages);
        var vectors = embedder.EmbedBatch(passages.Select(passage => passage.Text).ToArray(), cancellationToken);
        var index = VectorIndexFactory.Create(embedder.Dimension, passages.Count, options);
        for (var position = 0; position < passages.Count; position++)
        {
            index.Add(position, vectors[position]);
        }

        return new DenseRanker(embedder, index, passages.Select(passage => passage.Id).ToArray());
    }

    public IReadOnlyList<(string Id, double Score)> Search(string query, int topK)
    {
        return Search(embedder.Embed(query), topK);
    }

    public IReadOnlyList<(string Id, double Score)> Search(ReadOnlySpan<float> queryVector, int topK)
    {
        return index.Search(queryVector, topK).Select(match => (idsByPosition[match.Id], (double)match.Score)).ToArray();
    }

    /// <summary>Like <see cref="Search(string, int)"/>, with each passage named by its position in the build input (for fusion).</summary>
    public IReadOnlyList<RankedId> SearchPositions(string query, int topK)
    {
        return index.Search(embedder.Embed(query), topK).Select(match => new RankedId(match.Id, match.Score)).ToArray();
    }

    public void Dispose()
    {
        index.Dispose();
    }
}
