using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using ActorVoice.Audio;
using ActorVoice.Cli.Runtime;
using ActorVoice.Engine.Turns;
using ActorVoice.Hosting.Configuration;

namespace ActorVoice.Cli.Conversation;

/// <summary><c>actorvoice ask (--docs DIR | --index DIR) --audio FILE.wav [--json]</c>: one spoken question, answered.</summary>
internal static class AskCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    public static Command Create()
    {
        var common = new ConversationOptions();
        var docs = new Option<string?>("--docs") { Description = "Documents folder to index (cached; only changed files are re-indexed)." };
        var index = new Option<string?>("--index") { Description = "A folder built by 'actorvoice index'." };
        var audio = new Option<string>("--audio") { Description = "The spoken question: a WAV file of any sample rate.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout (logs go to stderr)." };
        var output = new Option<string>("--out") { Description = "Folder for the answer audio.", DefaultValueFactory = _ => "out/ask" };
        var interrupt = new Option<string?>("--interrupt") { Description = "A second utterance (WAV) spoken over the answer: a barge-in experiment." };
        var interruptAfter = new Option<int>("--interrupt-after-ms") { Description = "When to speak --interrupt: milliseconds after the answer starts playing.", DefaultValueFactory = _ => 1500 };
        var trace = new Option<string?>("--trace") { Description = "Write the session's JSONL trace (marks, retrieval jobs, turn summary) to this file." };
        var command = CliCommand.Create(
            "ask", "Ask one spoken question and hear (and read) the answer.", [docs, index, audio, json, output, interrupt, interruptAfter, trace, .. common.All]);
        command.Validators.Add(result =>
        {
            var hasDocs = result.GetValue(docs) is not null;
            var hasIndex = result.GetValue(index) is not null;
            if (hasDocs == hasIndex)
            {
                // Even with --knowledge http the built-in index is needed: it judges in milliseconds whether a
                // speculative result answers the final question, whatever the backend takes.
                result.AddError("Give exactly one of --docs DIR or --index DIR (with --knowledge http too: the index of the same documents judges speculative reuse).");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            var audioPath = parse.GetValue(audio)!;
            var docsDir = parse.GetValue(docs);
            var indexDir = parse.GetValue(index);
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var text = asJson ? Console.Error : Console.Out;
            var interruptPath = parse.GetValue(interrupt);
            try
            {
                // Fail fast on bad input, before anything starts.
                Audio.Files.WavFile.LoadMono16(audioPath, ActorVoice.Realtime.Protocol.Session.WireAudio.SampleRate);
                if (interruptPath is not null)
                {
                    Audio.Files.WavFile.LoadMono16(interruptPath, ActorVoice.Realtime.Protocol.Session.WireAudio.SampleRate);
                }

                if (docsDir is not null && !Directory.Exists(docsDir))
                {
                    throw new DirectoryNotFoundException($"Documents folder not found: {docsDir}");
                }
            }
            catch (Exception ex) when (ex is AudioFormatException or DirectoryNotFoundException)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }

            // An answer that is cut into is always played in real time (it must still be playing).
            var config = common.Load(parse, ActorVoiceConfig.Assign("actorvoice.engine.playback.output-dir", outDir));
            var indexFolder = indexDir ?? CachedIndexFolder(docsDir!);
            TurnResult result;
            TurnResult? next = null;
            try
            {
                await using var runtime = await AssistantRuntime.StartAsync(
                    config,
                    docsDir,
                    indexFolder,
                    system => system.ActorOf(TurnReporter.Props(text), "reporter"),
                    parse.GetValue(common.Verbose),
                    ct,
                    parse.GetValue(trace) is { } traceFile ? Path.GetFullPath(traceFile) : null);
                var label = Path.GetFileNameWithoutExtension(audioPath);
                var plan = interruptPath is null ? null : new TurnActor.Interrupt(Path.GetFullPath(interruptPath), parse.GetValue(interruptAfter));
                result = await runtime.AskAsync(Path.GetFullPath(audioPath), label, ct, plan);
                if (result.Outcome == TurnOutcome.Interrupted)
                {
                    next = await runtime.AwaitTurnAsync(result.TurnNumber + 1, ct);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException or DirectoryNotFoundException or DllNotFoundException or AskTimeoutException)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 1;
            }

            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(ToJson(result, next), JsonOptions));
            }
            else
            {
                TurnPrinter.Print(Console.Out, result);
                if (next is not null)
                {
                    Console.WriteLine("the interrupting question:");
                    TurnPrinter.Print(Console.Out, next);
                }
            }

            return result.Succeeded && next?.Succeeded != false ? 0 : 1;
        });
        return command;
    }

    /// <summary>The <c>--json</c> contract: transcript, answer, sources (best first), timeline in ms from end of speech.</summary>
    internal static object ToJson(TurnResult result, TurnResult? next = null) => new
    {
        outcome = result.Outcome.ToString().ToLowerInvariant(),
        transcript = result.Transcript,
        partials = result.Partials,
        localPartials = result.LocalPartials,
        answer = result.Answer,
        sources = result.Sources.Select(s => new { document = s.Document, chunk = s.Chunk, score = Math.Round(s.Score, 4), heading = s.Heading }),
        timeline = new
        {
            endOfSpeechMs = 0,
            speechStoppedMs = result.Timeline.SpeechStoppedMs,
            transcriptFinalMs = result.Timeline.TranscriptFinalMs,
            retrievalDoneMs = result.Timeline.RetrievalDoneMs,
            firstAudioMs = result.Timeline.FirstAudioMs,
            answerAudioMs = result.Timeline.AnswerAudioMs,
            playbackStartedMs = result.Timeline.PlaybackStartedMs,
            playbackDoneMs = result.Timeline.PlaybackDoneMs,
        },
        audio = new { file = result.AudioFile, receivedMs = result.AudioReceivedMs, playedMs = result.AudioPlayedMs },
        heardAnswer = result.HeardAnswer,
        speculation = new
        {
            started = result.Speculation?.Started ?? 0,
            reused = result.Speculation?.Reused ?? 0,
            cancelled = result.Speculation?.Cancelled ?? 0,
            wasted = result.Speculation?.Wasted ?? 0,
            savedMs = Math.Round(result.Speculation?.SavedMs ?? 0, 1),
            verified = result.Speculation?.Verified ?? 0,
            agreed = result.Speculation?.Agreed ?? 0,
        },
        bargeIn = result.BargeIn is null ? null : new
        {
            detectedBy = result.BargeIn.DetectedBy,
            detectedMs = result.BargeIn.DetectedMs,
            silentAfterMs = result.BargeIn.SilentAfterMs,
            playedMs = result.BargeIn.PlayedMs,
            truncatedMs = result.BargeIn.TruncatedMs,
        },
        interruption = next is null ? null : new
        {
            outcome = next.Outcome.ToString().ToLowerInvariant(),
            transcript = next.Transcript,
            answer = next.Answer,
            sources = next.Sources.Select(s => new { document = s.Document, chunk = s.Chunk, score = Math.Round(s.Score, 4), heading = s.Heading }),
            timeline = next.Timeline,
            error = next.Error,
        },
        error = result.Error,
    };

    internal static string CachedIndexFolder(string docs)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(docs))))[..16].ToLowerInvariant();
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "actorvoice", "index", key);
    }
}
