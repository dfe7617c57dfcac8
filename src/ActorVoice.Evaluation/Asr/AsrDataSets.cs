using System.Text.Json;
using System.Text.RegularExpressions;
using ActorVoice.Speech;

namespace ActorVoice.Evaluation.Asr;

/// <summary>Loaders for the benchmark corpora: pocketsphinx's LibriVox test clips and the sample questions manifest.</summary>
public static partial class AsrDataSets
{
    public const string DefaultLibriVoxFolder = "/usr/share/pocketsphinx/test/data/librivox";

    /// <summary>
    /// Reads <c>transcription</c> lines of the form <c>&lt;s&gt; words &lt;/s&gt; (fileid)</c>; the WAV is <c>fileid.wav</c> beside it.
    /// </summary>
    public static IReadOnlyList<AsrSample> LoadLibriVox(string folder = DefaultLibriVoxFolder)
    {
        var transcription = Path.Combine(folder, "transcription");
        if (!File.Exists(transcription))
        {
            throw new SpeechSetupException(
                $"LibriVox transcription not found: {transcription}; install the Debian package pocketsphinx-testdata or pass another folder.");
        }

        var samples = new List<AsrSample>();
        foreach (var line in File.ReadLines(transcription))
        {
            var match = TranscriptionLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var id = match.Groups["id"].Value;
            samples.Add(new AsrSample(id, Path.Combine(folder, id + ".wav"), match.Groups["text"].Value.Trim()));
        }

        return samples;
    }

    /// <summary>
    /// Reads the questions manifest: a JSON array of <c>{"id","file","text",...}</c>; <c>file</c> is relative to the manifest.
    /// </summary>
    public static IReadOnlyList<AsrSample> LoadQuestionManifest(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"Questions manifest not found: {manifestPath}", manifestPath);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        using var document = JsonDocument.Parse(File.ReadAllText(manifestPath));
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{manifestPath} must hold a JSON array of {{\"id\",\"file\",\"text\"}} objects.");
        }

        var samples = new List<AsrSample>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var id = item.TryGetProperty("id", out var idElement) ? idElement.ToString() : $"q{samples.Count + 1}";
            if (!item.TryGetProperty("file", out var file) || !item.TryGetProperty("text", out var text))
            {
                throw new InvalidDataException($"{manifestPath}: entry '{id}' lacks \"file\" or \"text\".");
            }

            samples.Add(new AsrSample(id, Path.Combine(folder, file.GetString()!), text.GetString()!));
        }

        return samples;
    }

    [GeneratedRegex(@"^\s*(?:<s>)?(?<text>.*?)(?:</s>)?\s*\((?<id>[^)]+)\)\s*$")]
    private static partial Regex TranscriptionLine();
}
