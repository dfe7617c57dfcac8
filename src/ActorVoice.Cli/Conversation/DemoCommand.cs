using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ActorVoice.Cli.Runtime;
using ActorVoice.Engine.Turns;
using ActorVoice.Hosting.Configuration;

namespace ActorVoice.Cli.Conversation;

/// <summary>
/// <c>actorvoice demo</c>: indexes the sample documents and runs every sample question through the whole path
/// (capture → local realtime server → turn → retrieval → answer → speech → playback), printing each turn and a summary.
/// </summary>
internal static class DemoCommand
{
    private static readonly JsonSerializerOptions SummaryJson = new() { WriteIndented = true };

    public static Command Create()
    {
        var common = new ConversationOptions();
        var docs = new Option<string>("--docs") { Description = "Documents to index.", DefaultValueFactory = _ => "samples/docs" };
        var questions = new Option<string>("--questions") { Description = "Question manifest (JSON).", DefaultValueFactory = _ => "samples/questions/manifest.json" };
        var output = new Option<string>("--out") { Description = "Output folder (index, answer audio, summary.json).", DefaultValueFactory = _ => "out/demo" };
        var limit = new Option<int?>("--limit") { Description = "Run only the first N questions." };
        var bargeIn = new Option<bool>("--no-barge-in") { Description = "Skip the final turn in which the user cuts into the answer." };
        var traceDir = new Option<string?>("--trace-dir") { Description = "Write the session's JSONL trace into this folder (actorvoice.engine.telemetry.trace-dir)." };
        var command = CliCommand.Create(
            "demo", "Run the offline demo: every sample question through the whole voice path.", [docs, questions, output, limit, bargeIn, traceDir, .. common.All]);
        command.SetAction(async (parse, ct) =>
        {
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var config = common.Load(parse, [
                ActorVoiceConfig.Assign("actorvoice.engine.playback.output-dir", Path.Combine(outDir, "audio")),
                .. parse.GetValue(traceDir) is { } dir ? [ActorVoiceConfig.Assign("actorvoice.engine.telemetry.trace-dir", Path.GetFullPath(dir))] : Array.Empty<string>(),
            ]);
            var list = SampleQuestion.Load(parse.GetValue(questions)!);
            var questionDir = Path.GetDirectoryName(Path.GetFullPath(parse.GetValue(questions)!))!;
            if (parse.GetValue(limit) is { } n)
            {
                list = list.Take(n).ToList();
            }

            await using var runtime = await AssistantRuntime.StartAsync(
                config,
                parse.GetValue(docs)!,
                Path.Combine(outDir, "index"),
                system => system.ActorOf(TurnReporter.Props(Console.Out), "reporter"),
                parse.GetValue(common.Verbose),
                ct);
            Console.WriteLine($"ActorVoice demo: {list.Count} spoken questions, {runtime.Index.ChunkCount} chunks indexed, realtime server {runtime.RealtimeUri}");
            var rows = new List<DemoRow>();
            foreach (var question in list)
            {
                Console.WriteLine();
                Console.WriteLine($"[{question.Id}] asking: \"{question.Text}\"  (expects {question.Document})");
                var result = await runtime.AskAsync(Path.Combine(questionDir, question.File), question.Id, ct);
                TurnPrinter.Print(Console.Out, result);
                var top = result.TopDocument;
                rows.Add(new DemoRow(question, result, string.Equals(top, question.Document, StringComparison.Ordinal)));
            }

            BargeInRow? bargeInRow = null;
            var interruptions = Path.Combine(questionDir, "interruptions.json");
            if (!parse.GetValue(bargeIn) && list.Count > 0 && File.Exists(interruptions))
            {
                bargeInRow = await RunBargeInAsync(runtime, list[0], SampleQuestion.Load(interruptions)[0], questionDir, ct);
            }

            PrintSummary(rows, bargeInRow);
            var summaryPath = Path.Combine(outDir, "summary.json");
            Directory.CreateDirectory(outDir);
            await File.WriteAllTextAsync(summaryPath, JsonSerializer.Serialize(rows.Select(r => new
            {
                id = r.Question.Id,
                expected = r.Question.Document,
                transcript = r.Result.Transcript,
                top = r.Result.TopDocument,
                correct = r.Correct,
                answer = r.Result.Answer,
                timeline = r.Result.Timeline,
                speculation = r.Result.Speculation,
                error = r.Result.Error,
            }), SummaryJson), ct);
            Console.WriteLine($"Summary written to {summaryPath}; answer audio in {Path.Combine(outDir, "audio")}");
            return rows.All(r => r.Result.Succeeded) ? 0 : 1;
        });
        return command;
    }

    /// <summary>Asks the first question again and cuts into its answer with the first interruption.</summary>
    private static async Task<BargeInRow> RunBargeInAsync(AssistantRuntime runtime, SampleQuestion question, SampleQuestion interruption, string questionDir, CancellationToken ct)
    {
        const int afterMs = 1500;
        Console.WriteLine();
        Console.WriteLine($"[barge-in] asking \"{question.Text}\", then {afterMs} ms into the answer: \"{interruption.Text}\"");
        var first = await runtime.AskAsync(
            Path.Combine(questionDir, question.File), "bargein-" + question.Id, ct, new Engine.Turns.TurnActor.Interrupt(Path.Combine(questionDir, interruption.File), afterMs));
        TurnPrinter.Print(Console.Out, first);
        TurnResult? next = null;
        if (first.Outcome == TurnOutcome.Interrupted)
        {
            next = await runtime.AwaitTurnAsync(first.TurnNumber + 1, ct);
            Console.WriteLine("  the interrupting question:");
            TurnPrinter.Print(Console.Out, next);
        }

        return new BargeInRow(first, next, interruption);
    }

    private static void PrintSummary(IReadOnlyList<DemoRow> rows, BargeInRow? bargeIn)
    {
        Console.WriteLine();
        Console.WriteLine("Summary");
        Console.WriteLine($"{"id",-5} {"expected document",-34} {"retrieved",-34} {"ok",-3} {"final",7} {"retr.",7} {"1st audio",9}");
        foreach (var r in rows)
        {
            var t = r.Result.Timeline;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Question.Id,-5} {r.Question.Document,-34} {r.Result.TopDocument ?? "—",-34} {(r.Correct ? "yes" : "no"),-3} {TurnPrinter.F(t.TranscriptFinalMs),7} {TurnPrinter.F(t.RetrievalDoneMs),7} {TurnPrinter.F(t.FirstAudioMs),9}"));
        }

        var correct = rows.Count(r => r.Correct);
        var firstAudio = rows.Select(r => r.Result.Timeline.FirstAudioMs).OfType<double>().Order().ToList();
        var median = Median(firstAudio);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Answered from the right document: {correct}/{rows.Count} ({100.0 * correct / Math.Max(1, rows.Count):0}%)"));
        Console.WriteLine($"Median end of speech → first assistant audio: {TurnPrinter.F(median)} ms (over {firstAudio.Count} turns)");
        var speculated = rows.Select(r => r.Result.Speculation).OfType<Engine.Speculation.SpeculationStats>().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Speculation: {speculated.Sum(x => x.Reused)}/{speculated.Count} turns reused a speculative result; jobs started {speculated.Sum(x => x.Started)}, cancelled {speculated.Sum(x => x.Cancelled)}, wasted {speculated.Sum(x => x.Wasted)}; saved {speculated.Sum(x => x.SavedMs):0} ms in all"));
        var ready = rows.Select(r => r.Result.Timeline.RetrievalDoneMs).OfType<double>().Order().ToList();
        Console.WriteLine($"Median end of speech → answer ready (retrieval done): {TurnPrinter.F(Median(ready))} ms");
        if (bargeIn is not null)
        {
            var b = bargeIn.First.BargeIn;
            Console.WriteLine(b is null
                ? $"Barge-in turn: not interrupted ({bargeIn.First.Outcome}{(bargeIn.First.Error is null ? string.Empty : ": " + bargeIn.First.Error)})"
                : string.Create(CultureInfo.InvariantCulture,
                    $"Barge-in turn: detected by {b.DetectedBy} {b.DetectedMs:0} ms after the user started, playback silent {b.SilentAfterMs:0} ms later, {b.PlayedMs} ms played, truncated to {b.TruncatedMs} ms; the interruption was answered from {bargeIn.Next?.TopDocument ?? "—"}"));
        }

        var failed = rows.Count(r => !r.Result.Succeeded);
        if (failed > 0)
        {
            Console.WriteLine($"Turns with errors: {failed}");
        }
    }

    private static double? Median(List<double> sorted) =>
        sorted.Count == 0 ? null
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private sealed record BargeInRow(TurnResult First, TurnResult? Next, SampleQuestion Interruption);

    private sealed record DemoRow(SampleQuestion Question, TurnResult Result, bool Correct);
}
