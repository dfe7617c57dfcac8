using System.CommandLine;
using System.Diagnostics;
using ActorVoice.Cli.Runtime;
using ActorVoice.Hosting;
using ActorVoice.Hosting.Knowledge;
using ActorVoice.Hosting.Lifetime;
using ActorVoice.Retrieval.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorVoice.Cli.Retrieval;

/// <summary><c>actorvoice index DOCS_DIR --index INDEX_DIR</c>: builds or refreshes a document index.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var config = new ConfigOptions();
        var docs = new Argument<string>("docs") { Description = "Folder of .md, .txt and .html documents (searched recursively)." };
        var index = new Option<string>("--index") { Description = "Index folder to create or refresh.", Required = true };
        var chunkSize = new Option<int?>("--chunk-size") { Description = "Target chunk length in characters (default: actorvoice.engine.retrieval.chunk-size)." };
        var overlap = new Option<int?>("--overlap") { Description = "Characters repeated between consecutive chunks (default: actorvoice.engine.retrieval.chunk-overlap)." };
        var noDense = new Option<bool>("--no-dense") { Description = "Skip sentence embeddings (BM25 and phonetic search only)." };
        var command = CliCommand.Create(
            "index", "Build or refresh a searchable index of a documents folder; only changed files are re-indexed.", [docs, index, chunkSize, overlap, noDense, .. config.All]);
        command.SetAction(async (parse, ct) =>
        {
            string[] fromOptions =
            [
                .. parse.GetValue(chunkSize) is { } size ? [$"actorvoice.engine.retrieval.chunk-size = {size}"] : Array.Empty<string>(),
                .. parse.GetValue(overlap) is { } chars ? [$"actorvoice.engine.retrieval.chunk-overlap = {chars}"] : Array.Empty<string>(),
                .. parse.GetValue(noDense) ? ["actorvoice.engine.retrieval.mode = bm25"] : Array.Empty<string>(),
            ];
            try
            {
                return await RunAsync(config.Load(parse, [], fromOptions), parse.GetValue(docs)!, parse.GetValue(index)!, ct);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or InvalidDataException or InvalidOperationException or ArgumentException or IOException)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(Akka.Configuration.Config config, string documentsFolder, string indexFolder, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var progress = IndexProgress.For(Console.Error, isTerminal: !Console.IsErrorRedirected);
        using var host = new HostBuilder()
            .AddActorVoice(config, voice => voice.WithKnowledge(new KnowledgeOptions(indexFolder, documentsFolder) { Progress = progress, WarmUp = false }))
            .Build();
        await host.StartAsync(cancellationToken);
        progress.Finish();
        var built = host.Services.GetRequiredService<HostedResource<KnowledgeIndex>>().Value;
        var report = built.LastBuild!;
        foreach (var skipped in report.Skipped)
        {
            await Console.Error.WriteLineAsync($"skipped {skipped.RelativePath}: {skipped.Reason}");
        }

        Console.WriteLine(
            $"{(report.FullRebuild ? "built" : "updated")} {Path.GetFullPath(indexFolder)}: {report.ChunkCount} chunks "
            + $"(documents: {report.DocumentsAdded} added, {report.DocumentsUpdated} updated, {report.DocumentsRemoved} removed, "
            + $"{report.DocumentsUnchanged} unchanged; {report.ChunksWritten} chunks written"
            + $"{(built.HasDense ? ", with embeddings" : string.Empty)}) in {stopwatch.Elapsed.TotalSeconds:F2} s");
        await host.StopAsync(cancellationToken);
        return 0;
    }
}
