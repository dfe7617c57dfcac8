using System.CommandLine;
using ActorVoice.Evaluation.Asr;
using ActorVoice.Speech;

namespace ActorVoice.Cli.Bench;

/// <summary>
/// <c>actorvoice bench asr</c>: word error rate and real-time factor of the offline recognizer on the sample
/// questions (generic vs domain language model) and on pocketsphinx's LibriVox clips.
/// </summary>
internal static class BenchAsrCommand
{
    public static Command Create()
    {
        var questions = new Option<string>("--questions")
        {
            Description = "Questions manifest (JSON array of {id, file, text}).",
            DefaultValueFactory = _ => "samples/questions/manifest.json",
        };
        var docs = new Option<string>("--docs")
        {
            Description = "Folder of .md/.txt documents the domain language model is built from.",
            DefaultValueFactory = _ => "samples/docs",
        };
        var librivox = new Option<string>("--librivox")
        {
            Description = "Folder with LibriVox clips and their 'transcription' file; 'none' skips it.",
            DefaultValueFactory = _ => AsrDataSets.DefaultLibriVoxFolder,
        };
        var cache = new Option<string>("--cache")
        {
            Description = "Cache folder for built language models.",
            DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "actorvoice", "lm-cache"),
        };

        var command = new Command("asr", "Measure offline speech recognition: WER and RTF, generic vs domain language model.");
        command.Options.Add(questions);
        command.Options.Add(docs);
        command.Options.Add(librivox);
        command.Options.Add(cache);
        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var libriVoxFolder = parse.GetValue(librivox);
            try
            {
                var rows = await AsrComparison.RunAsync(
                    parse.GetValue(questions)!,
                    parse.GetValue(docs)!,
                    string.Equals(libriVoxFolder, "none", StringComparison.OrdinalIgnoreCase) ? null : libriVoxFolder,
                    parse.GetValue(cache)!,
                    message => Console.Error.WriteLine(message),
                    cancellationToken);
                Console.WriteLine(AsrComparison.FormatTable(rows));
                return 0;
            }
            catch (Exception ex) when (ex is SpeechSetupException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
