using System.Globalization;
using ActorVoice.Retrieval;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Indexing;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Evaluation.Ranking;

/// <summary>
/// Evaluates the engine's own <see cref="KnowledgeIndex"/> on a passage corpus: each passage is written as a
/// text file into a temporary folder, indexed (chunked, Lucene BM25 with headings and the phonetic field, dense
/// vectors), and a chunk hit counts for the passage its file holds (first hit per passage wins).
/// </summary>
public sealed class KnowledgeIndexRanker : IDisposable
{
    private readonly KnowledgeIndex index;
    private readonly string[] ids;
    private readonly string workFolder;

    private KnowledgeIndexRanker(KnowledgeIndex index, string[] ids, string workFolder)
    {
        this.index = index;
        this.ids = ids;
        this.workFolder = workFolder;
    }

    public int ChunkCount => index.ChunkCount;

    public static KnowledgeIndexRanker Build(
        IReadOnlyList<(string Id, string Text)> passages,
        ITextEmbedder embedder,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var workFolder = Directory.CreateTempSubdirectory("actorvoice-eval-").FullName;
        try
        {
            var documents = Path.Combine(workFolder, "documents");
            Directory.CreateDirectory(documents);
            for (var position = 0; position < passages.Count; position++)
            {
                File.WriteAllText(Path.Combine(documents, FileName(position)), passages[position].Text);
            }

            var index = KnowledgeIndex.Build(
                documents,
                Path.Combine(workFolder, "index"),
                RetrievalOptions.Default,
                progress: null,
                dense: DenseRetrieval.WithVectorIndexFactory(embedder),
                cancellationToken: cancellationToken);
            return new KnowledgeIndexRanker(index, passages.Select(passage => passage.Id).ToArray(), workFolder);
        }
        catch
        {
            Directory.Delete(workFolder, recursive: true);
            throw;
        }
    }

    public IReadOnlyList<(string Id, double Score)> Search(string query, int topK, SearchMode mode)
    {
        var results = new List<(string Id, double Score)>(topK);
        var seen = new HashSet<int>();

        // Long passages become several chunks, so ask for more chunks than passages wanted.
        foreach (var hit in index.Search(query, topK * 4, mode))
        {
            var name = Path.GetFileNameWithoutExtension(hit.Chunk.Document);
            if (name.Length > 1 && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var position) && seen.Add(position))
            {
                results.Add((ids[position], hit.Score));
                if (results.Count == topK)
                {
                    break;
                }
            }
        }

        return results;
    }

    public void Dispose()
    {
        index.Dispose();
        try
        {
            Directory.Delete(workFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private static string FileName(int position)
    {
        return string.Create(CultureInfo.InvariantCulture, $"p{position:D6}.txt");
    }
}
