using System.CommandLine;
using System.Globalization;
using ActorVoice.Evaluation.Noise;

namespace ActorVoice.Cli.Bench;

/// <summary>
/// <c>actorvoice bench vad</c>: the energy VAD against the Silero VAD on the sample questions mixed with white, pink,
/// babble noise and an answer's echo at the given SNRs: false barge-ins, early and missed turn ends, turn-end latency
/// (docs/vad.md).
/// </summary>
internal static class BenchVadCommand
{
    public static Command Create()
    {
        var snr = new Option<string>("--snr")
        {
            Description = "Signal-to-noise ratios in dB, comma-separated.",
            DefaultValueFactory = _ => "10,0",
        };
        var questions = new Option<string>("--questions")
        {
            Description = "Folder of spoken questions: manifest.json (and interruptions.json) listing the WAV files.",
            DefaultValueFactory = _ => "samples/questions",
        };
        var babble = new Option<string>("--babble")
        {
            Description = "Folder of other people's recordings (.wav) mixed into babble noise.",
            DefaultValueFactory = _ => "/usr/share/pocketsphinx/test/data/librivox",
        };
        var speechDbfs = new Option<double>("--speech-dbfs")
        {
            Description = "Active speech level (dBFS) the questions are scaled to before mixing (microphone gain).",
            DefaultValueFactory = _ => -26,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the noise.", DefaultValueFactory = _ => 12 };
        var sileroModel = new Option<string?>("--silero-model") { Description = "Silero VAD model file (default: models/silero/silero_vad.onnx)." };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };

        var command = new Command("vad", "Compare the energy and Silero VADs on the sample questions in noise and echo.");
        command.Options.Add(snr);
        command.Options.Add(questions);
        command.Options.Add(babble);
        command.Options.Add(speechDbfs);
        command.Options.Add(seed);
        command.Options.Add(sileroModel);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            try
            {
                var options = new VadBenchOptions
                {
                    QuestionsFolder = parse.GetValue(questions)!,
                    SnrDb = ParseSnr(parse.GetValue(snr)!),
                    BabbleFolder = parse.GetValue(babble),
                    Seed = parse.GetValue(seed),
                    SpeechDbfs = parse.GetValue(speechDbfs),
                    SileroModel = parse.GetValue(sileroModel),
                };
                var report = VadComparison.Run(options, message => Console.Error.WriteLine(message));
                Console.WriteLine(parse.GetValue(json) ? VadComparison.ToJson(report) : VadComparison.FormatTable(report));
                return 0;
            }
            catch (Exception ex) when (ex is FormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static double[] ParseSnr(string text) =>
    [
        .. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
            double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"--snr: '{part}' is not a number of dB (e.g. --snr 10,0).")),
    ];
}
