using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Scripts;
using ActorVoice.Evaluation.Datasets;
using ActorVoice.Evaluation.Ranking;
using ActorVoice.Retrieval.Ingestion;

namespace ActorVoice.Lab.Runners;

/// <summary>
/// The passages the lab's own retriever searches to judge reuse and agreement: the sample documents' chunks (for the
/// sample questions) and OR-ShARC's snippets (for its questions), in a fixed order, ranked with BM25.
/// </summary>
public static class LabCorpus
{
    /// <summary>Chunk size of the sample documents, as the engine's default ingestion cuts them.</summary>
    public const int ChunkTargetChars = 600;
    public const int ChunkOverlapChars = 100;
    public const int SearchDepth = 10;

    public static IReadOnlyList<(string Id, string Text)> Load(QuestionSettings settings, string? experimentFile)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var passages = new List<(string Id, string Text)>();
        foreach (var set in settings.Sets)
        {
            if (set == QuestionSet.Samples)
            {
                passages.AddRange(LoadDocuments(LabPaths.Resolve(settings.SamplesDocs, experimentFile)));
            }
            else
            {
                var dataset = OrSharcDatasetLoader.Load(LabPaths.Resolve(settings.OrSharcFolder, experimentFile));
                passages.AddRange(dataset.Passages.Select(passage => (QuestionSetLoader.OrSharcIdPrefix + "snippet-" + passage.Id, passage.Text)));
            }
        }

        return passages;
    }

    /// <summary>A BM25 retriever over <paramref name="passages"/>: text → passage ids, best first.</summary>
    public static (Func<string, IReadOnlyList<string>> Retrieve, IDisposable Index) Bm25(IReadOnlyList<(string Id, string Text)> passages)
    {
        var ranker = LuceneBm25Ranker.Build(passages);
        return (text => ranker.Search(text, SearchDepth).Select(hit => hit.Id).ToArray(), ranker);
    }

    private static IEnumerable<(string Id, string Text)> LoadDocuments(string folder)
    {
        var chunker = new DocumentChunker(ChunkTargetChars, ChunkOverlapChars);
        foreach (var file in DocumentFolderReader.FindFiles(folder))
        {
            var (document, _) = DocumentFolderReader.TryLoad(file);
            if (document is null)
            {
                continue;
            }

            foreach (var chunk in chunker.Chunk(file.RelativePath, document.Text, file.Format))
            {
                yield return ($"{file.RelativePath}#{chunk.ChunkIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}", chunk.HeadingPath + "\n" + chunk.Text);
            }
        }
    }
}
