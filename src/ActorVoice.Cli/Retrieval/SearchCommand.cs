using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorVoice.Retrieval;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Retrieval.Indexing;
using ActorVoice.Retrieval.Search;

namespace ActorVoice.Cli.Retrieval;

/// <summary><c>actorvoice search INDEX_DIR "question" [--json] [--top N] [--mode bm25|dense|rrf|weighted]</c>.</summary>
internal static class SearchCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,

        // Readable output for people and scripts: "Vacation > Carry-over", not "Vacation \u003E Carry-over".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var index = new Argument<string>("index") { Description = "Index folder built with 'actorvoice index'." };
        var question = new Argument<string>("question") { Description = "The question, as free text." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of text." };
        var top = new Option<int>("--top") { Description = "How many chunks to print.", DefaultValueFactory = _ => 5 };
        var mode = new Option<string>("--mode") { Description = "bm25, dense, rrf or weighted (default: rrf when the index has embeddings, else bm25)." };
        mode.AcceptOnlyFromAmong("bm25", "dense", "rrf", "weighted");

        var command = new Command("search", "Search an index and print the best chunks with each side's score.");
        command.Arguments.Add(index);
        command.Arguments.Add(question);
        command.Options.Add(json);
        command.Options.Add(top);
        command.Options.Add(mode);
        command.SetAction((ParseResult result, CancellationToken cancellationToken) =>
            Task.FromResult(Run(result.GetValue(index)!, result.GetValue(question)!, result.GetValue(json), result.GetValue(top), result.GetValue(mode), cancellationToken)));
        return command;
    }

    private static int Run(string indexFolder, string question, bool json, int top, string? modeName, CancellationToken cancellationToken)
    {
        try
        {
            var manifest = File.Exists(IndexManifest.PathIn(indexFolder)) ? IndexManifest.Read(indexFolder) : null;
            var mode = modeName is null
                ? manifest?.Dense is null ? SearchMode.Bm25 : SearchMode.Rrf
                : Enum.Parse<SearchMode>(modeName, ignoreCase: true);
            var dense = mode != SearchMode.Bm25 && manifest?.Dense is not null
                ? DenseRetrieval.WithVectorIndexFactory(MiniLmEmbedder.Shared)
                : null;

            using var knowledge = KnowledgeIndex.Open(indexFolder, RetrievalOptions.Default, dense);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var hits = knowledge.Search(question, top, mode, partial: false, cancellationToken);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);

            if (json)
            {
                var rows = hits.Select(h => new
                {
                    document = h.Chunk.Document,
                    chunk = h.Chunk.ChunkIndex,
                    heading = h.Chunk.HeadingPath,
                    score = h.Score,
                    bm25 = h.Bm25Score,
                    dense = h.DenseScore,
                    text = h.Chunk.Text,
                });
                Console.WriteLine(JsonSerializer.Serialize(rows, JsonOptions));
                return 0;
            }

            if (hits.Count == 0)
            {
                Console.WriteLine("no match (the question has no searchable word, or nothing matched)");
            }

            for (var i = 0; i < hits.Count; i++)
            {
                var hit = hits[i];
                Console.WriteLine(
                    $"{i + 1}. {hit.Chunk.Document} #{hit.Chunk.ChunkIndex} [{hit.Chunk.HeadingPath}] score {Format(hit.Score)}"
                    + $"  bm25 {Side(hit.Bm25Score, hit.Bm25Rank)}  dense {Side(hit.DenseScore, hit.DenseRank)}");
                Console.WriteLine("   " + Preview(hit.Chunk.Text, 300));
            }

            Console.Error.WriteLine($"{mode} search over {knowledge.ChunkCount} chunks took {elapsed.TotalMilliseconds:F1} ms");
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or InvalidOperationException or ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Side(double? score, int? rank) => score is { } s ? $"{Format(s)} (#{rank})" : "-";

    private static string Preview(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : flat[..max] + "…";
    }
}
