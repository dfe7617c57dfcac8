#:project ../src/ActorVoice.Speech/ActorVoice.Speech.csproj
#:project ../src/ActorVoice.Evaluation/ActorVoice.Evaluation.csproj
#:property TreatWarningsAsErrors=false
using System.Diagnostics;
using System.Globalization;
using ActorVoice.Audio.Files;
using ActorVoice.Evaluation.WordErrors;
using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Synthesis;

// First-utterance WER of fresh pocketsphinx decoders (generic en-us model): every utterance is decoded by a new decoder
// as its first utterance, then the same audio again as its second, under each setup:
//   cold         the model's -cmninit, no warm-up, no second pass (the behaviour before CmnInit existed)
//   second-pass  cold + AdaptationAudio = 5 s (each utterance decoded again at its end until 5 s were heard)
//   cmninit      cold + CmnInit = --cmninit VALUE (default PocketsphinxOptions.SpeechCepstralMean), set at creation
//   warm-up      cold + WarmUpAudio = --warm-up FILE[,FILE] (decoded at creation)
//   both         cmninit + warm-up
//   default      PocketsphinxOptions.Default as shipped
// Usage:
//   dotnet run scripts/first-utterance-wer.cs -- samples/questions [--setups cold,second-pass,cmninit] [--verbose]
//   dotnet run scripts/first-utterance-wer.cs -- samples/acceptance/questions.tsv --voices kal16,awb,rms,slt
//   --print-cmn [--log FILE]: print the cepstral mean a decoder holds after creation (with --warm-up / --cmninit)
var source = args[0];
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var verbose = args.Contains("--verbose");
var setups = (Option("--setups") ?? "cold,second-pass,cmninit").Split(',');
var warmUp = Option("--warm-up")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
var cmnInit = Option("--cmninit");

if (args.Contains("--print-cmn"))
{
    // sphinxbase logs the live mean at each utterance end ("Update to < ... >"); the last one is where warm-up left it.
    var log = Option("--log") ?? Path.GetTempFileName();
    using (new PocketsphinxRecognizer(PocketsphinxOptions.Default with { WarmUpAudio = warmUp, CmnInit = cmnInit ?? PocketsphinxOptions.SpeechCepstralMean, LogFile = log }))
    {
    }

    var lines = File.ReadAllLines(log);
    var last = Array.FindLastIndex(lines, l => l.Contains("Update to", StringComparison.Ordinal));
    Console.WriteLine(string.Join(' ', lines.Skip(last).Take(2)));
    return;
}

var utterances = await LoadUtterancesAsync(source, Option("--voices"));
Console.WriteLine($"{utterances.Count} utterances from {source}; warm-up clips: {string.Join(", ", warmUp.Select(Path.GetFileName))}");
foreach (var setup in setups)
{
    var cold = PocketsphinxOptions.Default with { CmnInit = null, WarmUpAudio = [], AdaptationAudio = TimeSpan.Zero };
    var options = setup switch
    {
        "cold" => cold,
        "second-pass" => cold with { AdaptationAudio = TimeSpan.FromSeconds(5) },
        "default" => PocketsphinxOptions.Default,
        "warm-up" => cold with { WarmUpAudio = warmUp },
        "cmninit" => cold with { CmnInit = cmnInit ?? PocketsphinxOptions.SpeechCepstralMean },
        "both" => cold with { WarmUpAudio = warmUp, CmnInit = cmnInit ?? PocketsphinxOptions.SpeechCepstralMean },
        _ => throw new ArgumentException($"unknown setup {setup}"),
    };
    var first = new List<(string, string)>();
    var second = new List<(string, string)>();
    var creation = new List<double>();
    var firstDecode = new List<double>();
    foreach (var (id, reference, audio) in utterances)
    {
        var created = Stopwatch.StartNew();
        using var recognizer = new PocketsphinxRecognizer(options);
        creation.Add(created.Elapsed.TotalMilliseconds);
        var decoded = Stopwatch.StartNew();
        var h1 = recognizer.Recognize(audio);
        firstDecode.Add(decoded.Elapsed.TotalMilliseconds);
        var h2 = recognizer.Recognize(audio);
        first.Add((reference, h1));
        second.Add((reference, h2));
        if (verbose)
        {
            Console.WriteLine($"  {setup}\t{id}\t{WordErrorRate.Compute(reference, h1).Rate:0.00}\t{WordErrorRate.Compute(reference, h2).Rate:0.00}\t{h1}\t|\t{h2}");
        }
    }

    double Mean(List<(string Reference, string Hypothesis)> pairs) => pairs.Average(p => WordErrorRate.Compute(p.Reference, p.Hypothesis).Rate);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{setup,-12} first: mean {Mean(first):0.000} corpus {WordErrorRate.Corpus(first):0.000} | second: mean {Mean(second):0.000} corpus {WordErrorRate.Corpus(second):0.000} | n={utterances.Count} | creation median {Median(creation):0} ms, first decode median {Median(firstDecode):0} ms"));
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

// samples/questions (id, file, text; the WAVs beside it) or, with --voices, an acceptance-style list
// (id, voice, text) whose texts are spoken by every listed flite voice, padded like the samples (0.3 s / 0.6 s).
static async Task<List<(string Id, string Text, short[] Audio)>> LoadUtterancesAsync(string source, string? voices)
{
    if (voices is null)
    {
        return File.ReadAllLines(Path.Combine(source, "questions.tsv"))
            .Select(l => l.Split('\t'))
            .Where(r => r.Length >= 3 && !r[0].StartsWith('#'))
            .Select(r => (r[0], r[2], WavFile.LoadMono16(Path.Combine(source, r[1]), 16_000)))
            .ToList();
    }

    var texts = File.ReadAllLines(source).Select(l => l.Split('\t')).Where(r => r.Length >= 3 && !r[0].StartsWith('#')).ToList();
    var result = new List<(string, string, short[])>();
    foreach (var voice in voices.Split(','))
    {
        var synthesizer = new FliteSynthesizer(Enum.Parse<FliteVoice>(voice, ignoreCase: true));
        foreach (var row in texts)
        {
            var speech = await synthesizer.SynthesizeAsync(row[2], CancellationToken.None);
            var padded = new short[4_800 + speech.Samples.Length + 9_600];
            speech.Samples.CopyTo(padded, 4_800);
            result.Add(($"{row[0]}-{voice}", row[2], padded));
        }
    }

    return result;
}
