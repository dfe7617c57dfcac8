using System.CommandLine;
using System.Diagnostics;
using ActorVoice.Retrieval;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Indexing;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Cli.Retrieval;

/// <summary><c>actorvoice index DOCS_DIR --index INDEX_DIR</c>: builds or refreshes a document index.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var docs = new Argument<string>("docs") { Description = "Folder of .md, .txt and .html documents (searched recursively)." };
        var index = new Option<string>("--index") { Description = "Index folder to create or refresh.", Required = true };
        var chunkSize = new Option<int>("--chunk-size") { Description = "Target chunk length in characters.", DefaultValueFactory = _ => RetrievalOptions.Default.ChunkTargetChars };
        var overlap = new Option<int>("--overlap") { Description = "Characters repeated between consecutive chunks.", DefaultValueFactory = _ => RetrievalOptions.Default.ChunkOverlapChars };
        var noDense = new Option<bool>("--no-dense") { Description = "Skip sentence embeddings (BM25 and phonetic search only)." };

        var command = new Command("index", "Build or refresh a searchable index of a documents folder; only changed files are re-indexed.");
        command.Arguments.Add(docs);
        command.Options.Add(index);
        command.Options.Add(chunkSize);
        command.Options.Add(overlap);
        command.Options.Add(noDense);
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
        {
            var options = RetrievalOptions.Default with
            {
                ChunkTargetChars = result.GetValue(chunkSize),
                ChunkOverlapChars = result.GetValue(overlap),
            };
            return Task.FromResult(Run(result.GetValue(docs)!, result.GetValue(index)!, options, !result.GetValue(noDense), cancellationToken));
        });
        return command;
    }

    private static int Run(string documentsFolder, string indexFolder, RetrievalOptions options, bool withDense, CancellationToken cancellationToken)
    {
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var dense = withDense ? DenseRetrieval.WithVectorIndexFactory(MiniLmEmbedder.Shared) : null;
            var bar = new ProgressBar(Console.Error);
            var report = KnowledgeIndex.Update(documentsFolder, indexFolder, options, bar, dense, cancellationToken);
            bar.Finish();

            foreach (var skipped in report.Skipped)
            {
                Console.Error.WriteLine($"skipped {skipped.RelativePath}: {skipped.Reason}");
            }

            Console.WriteLine(
                $"{(report.FullRebuild ? "built" : "updated")} {Path.GetFullPath(indexFolder)}: {report.ChunkCount} chunks "
                + $"(documents: {report.DocumentsAdded} added, {report.DocumentsUpdated} updated, {report.DocumentsRemoved} removed, "
                + $"{report.DocumentsUnchanged} unchanged; {report.ChunksWritten} chunks written"
                + $"{(withDense ? ", with embeddings" : string.Empty)}) in {stopwatch.Elapsed.TotalSeconds:F2} s");
            return 0;
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or InvalidDataException or InvalidOperationException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>A one-line text progress bar, redrawn in place with '\r'; called on the building thread.</summary>
    private sealed class ProgressBar(TextWriter writer) : IProgress<IndexBuildProgress>
    {
        private const int Width = 30;
        private string _lastLine = string.Empty;

        public void Report(IndexBuildProgress value)
        {
            var fraction = value.Total == 0 ? 1.0 : Math.Clamp((double)value.Done / value.Total, 0, 1);
            var filled = (int)Math.Round(fraction * Width);
            var current = value.Current is null ? string.Empty : " " + Shorten(value.Current, 40);
            var line = $"\r[{new string('#', filled)}{new string('-', Width - filled)}] {fraction,4:P0} {value.Stage,-7} {value.Done}/{value.Total}{current}";
            if (line != _lastLine)
            {
                writer.Write(line.PadRight(_lastLine.Length));
                _lastLine = line;
            }
        }

        public void Finish()
        {
            if (_lastLine.Length > 0)
            {
                writer.WriteLine();
            }
        }

        private static string Shorten(string text, int max) => text.Length <= max ? text : "…" + text[^(max - 1)..];
    }
}
