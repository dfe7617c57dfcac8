using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorVoice.Cli.Runtime;
using ActorVoice.Engine.Configuration;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Configuration;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Lifetime;
using ActorVoice.Retrieval.Indexing;
using ActorVoice.Retrieval.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
        var config = new ConfigOptions();
        var index = new Argument<string>("index") { Description = "Index folder built with 'actorvoice index'." };
        var question = new Argument<string>("question") { Description = "The question, as free text." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of text." };
        var top = new Option<int>("--top") { Description = "How many chunks to print.", DefaultValueFactory = _ => 5 };
        var mode = new Option<string?>("--mode")
        {
            Description = "bm25, dense, rrf or weighted (default: actorvoice.engine.retrieval.mode, the engine's fusion; bm25 when the index has no embeddings).",
        };
        mode.AcceptOnlyFromAmong("bm25", "dense", "rrf", "weighted");
        var command = CliCommand.Create("search", "Search an index and print the best chunks with each side's score.", [index, question, json, top, mode, .. config.All]);
        command.SetAction(async (parse, ct) =>
        {
            var indexFolder = parse.GetValue(index)!;
            try
            {
                // The engine's mode unless one is asked for; an index without embeddings can only be searched with BM25.
                var manifest = File.Exists(IndexManifest.PathIn(indexFolder)) ? IndexManifest.Read(indexFolder) : null;
                var chosen = parse.GetValue(mode) ?? (manifest is not null && manifest.Dense is null ? "bm25" : null);
                var hocon = config.Load(parse, [], chosen is null ? [] : [ActorVoiceConfig.Assign("actorvoice.engine.retrieval.mode", chosen)]);
                return await RunAsync(hocon, indexFolder, parse.GetValue(question)!, parse.GetValue(json), parse.GetValue(top), ct);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or InvalidOperationException or ArgumentException or IOException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(Akka.Configuration.Config config, string indexFolder, string question, bool json, int top, CancellationToken cancellationToken)
    {
        using var host = new HostBuilder()
            .AddActorVoice(config, voice => voice.WithKnowledge(new KnowledgeOptions(indexFolder) { WarmUp = false }))
            .Build();
        await host.StartAsync(cancellationToken);
        var knowledge = host.Services.GetRequiredService<HostedResource<KnowledgeIndex>>().Value;
        var mode = host.Services.GetRequiredService<EngineSettings>().Retrieval.Mode;
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
                mode = h.Mode.ToString().ToLowerInvariant(),
                score = h.Score,
                bm25 = h.Bm25Score,
                dense = h.DenseScore,
                text = h.Chunk.Text,
            });
            Console.WriteLine(JsonSerializer.Serialize(rows, JsonOptions));
        }
        else
        {
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
        }

        await Console.Error.WriteLineAsync($"{mode} search over {knowledge.ChunkCount} chunks took {elapsed.TotalMilliseconds:F1} ms");
        await host.StopAsync(cancellationToken);
        return 0;
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Side(double? score, int? rank) => score is { } s ? $"{Format(s)} (#{rank})" : "-";

    private static string Preview(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : flat[..max] + "…";
    }
}
