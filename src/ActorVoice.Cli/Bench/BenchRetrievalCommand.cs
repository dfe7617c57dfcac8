using System.CommandLine;
using ActorVoice.Evaluation.Datasets;
using ActorVoice.Evaluation.Ranking;
using ActorVoice.Evaluation.Scale;
using ActorVoice.Retrieval.Dense;
using ActorVoice.Text.Pronunciation;

namespace ActorVoice.Cli.Bench;

/// <summary>
/// <c>actorvoice bench retrieval</c>: retrieval quality of BM25, dense and fused rankers on a dataset
/// (clean, spoken-style and simulated-recognition-error questions), or with <c>--scale N</c> build rates,
/// memory and query latencies on a synthetic index of N chunks.
/// </summary>
internal static class BenchRetrievalCommand
{
    public static Command Create()
    {
        var dataset = new Option<string?>("--dataset")
        {
            Description = $"Dataset to evaluate: {string.Join(" | ", DatasetNames.All)}.",
        };
        var data = new Option<string>("--data")
        {
            Description = "Folder holding or-sharc/ and stackfaq/.",
            DefaultValueFactory = _ => Path.Combine("..", "shared", "data"),
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the simulated recognition errors and the synthetic corpus.",
            DefaultValueFactory = _ => 42,
        };
        var limit = new Option<int?>("--limit")
        {
            Description = "Evaluate only the first N questions (the corpus stays whole).",
        };
        var scale = new Option<int?>("--scale")
        {
            Description = "Instead of a dataset: build a synthetic index of N chunks and time builds and queries.",
        };
        var queries = new Option<int>("--queries")
        {
            Description = "Timed queries per operation in --scale mode.",
            DefaultValueFactory = _ => 1000,
        };
        var noHnsw = new Option<bool>("--no-hnsw")
        {
            Description = "Skip the HNSW index in --scale mode (its build takes minutes at 100k chunks).",
        };
        var dictionary = new Option<string>("--dictionary")
        {
            Description = "CMU pronouncing dictionary used to simulate recognition errors.",
            DefaultValueFactory = _ => CmuDictionary.PocketsphinxDefaultPath,
        };

        var command = new Command("retrieval", "Measure retrieval: quality on or-sharc/stackfaq (clean and noisy questions) or speed at --scale N chunks.");
        command.Options.Add(dataset);
        command.Options.Add(data);
        command.Options.Add(seed);
        command.Options.Add(limit);
        command.Options.Add(scale);
        command.Options.Add(queries);
        command.Options.Add(noHnsw);
        command.Options.Add(dictionary);
        command.SetAction((ParseResult parse, CancellationToken cancellationToken) => Task.FromResult(Execute(parse, cancellationToken)));
        return command;

        int Execute(ParseResult parse, CancellationToken cancellationToken)
        {
            var datasetName = parse.GetValue(dataset);
            var chunks = parse.GetValue(scale);
            if (datasetName is null == chunks is null)
            {
                Console.Error.WriteLine($"error: give either --dataset ({string.Join(" | ", DatasetNames.All)}) or --scale N.");
                return 2;
            }

            try
            {
                if (chunks is { } count)
                {
                    if (count <= 0)
                    {
                        Console.Error.WriteLine("error: --scale must be a positive number of chunks.");
                        return 2;
                    }

                    var scaleOptions = new ScaleBenchmarkOptions(count, parse.GetValue(seed), parse.GetValue(queries))
                    {
                        IncludeHnsw = !parse.GetValue(noHnsw),
                    };
                    var scaleReport = ScaleBenchmark.Run(scaleOptions, MiniLmEmbedder.Shared, Console.Error, cancellationToken);
                    Console.WriteLine(scaleReport.ToTable());
                    return 0;
                }

                var options = new RetrievalBenchmarkOptions(datasetName!, parse.GetValue(data)!, parse.GetValue(seed), parse.GetValue(limit), parse.GetValue(dictionary)!);
                var report = RetrievalBenchmark.Run(options, MiniLmEmbedder.Shared, Console.Error, cancellationToken);
                Console.WriteLine(report.ToTable());
                return 0;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        }
    }
}
