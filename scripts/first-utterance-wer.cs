#:project ../src/ActorVoice.Speech/ActorVoice.Speech.csproj
#:project ../src/ActorVoice.Evaluation/ActorVoice.Evaluation.csproj
#:property TreatWarningsAsErrors=false
using ActorVoice.Audio.Files;
using ActorVoice.Evaluation.WordErrors;
using ActorVoice.Speech.Recognition;

// First-utterance WER of fresh pocketsphinx decoders (generic en-us model): every sample question is decoded by a new
// decoder as its first utterance, then the same audio again as its second.
// Usage: dotnet run scripts/first-utterance-wer.cs -- samples/questions [--no-second-pass]
var dir = args[0];
var options = args.Contains("--no-second-pass") ? PocketsphinxOptions.Default with { AdaptationAudio = TimeSpan.Zero } : PocketsphinxOptions.Default;
var rows = File.ReadAllLines(Path.Combine(dir, "questions.tsv")).Select(l => l.Split('\t')).Where(r => r.Length >= 3).ToList();
var first = new List<(string, string)>();
var second = new List<(string, string)>();
foreach (var row in rows)
{
    var audio = WavFile.LoadMono16(Path.Combine(dir, row[1]), 16_000);
    using var recognizer = new PocketsphinxRecognizer(options);
    var h1 = recognizer.Recognize(audio);
    var h2 = recognizer.Recognize(audio);
    first.Add((row[2], h1));
    second.Add((row[2], h2));
    Console.WriteLine($"{row[0]}\t{WordErrorRate.Compute(row[2], h1).Rate:0.00}\t{WordErrorRate.Compute(row[2], h2).Rate:0.00}\t{h1}\t|\t{h2}");
}

double Mean(List<(string Reference, string Hypothesis)> pairs) => pairs.Average(p => WordErrorRate.Compute(p.Reference, p.Hypothesis).Rate);
Console.WriteLine($"mean WER first={Mean(first):0.000} second={Mean(second):0.000}; corpus first={WordErrorRate.Corpus(first):0.000} second={WordErrorRate.Corpus(second):0.000}; n={rows.Count}");
