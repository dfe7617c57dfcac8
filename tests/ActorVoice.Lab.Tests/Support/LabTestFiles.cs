using ActorVoice.Text.Normalization;
using ActorVoice.Text.Pronunciation;

namespace ActorVoice.Lab.Tests.Support;

/// <summary>
/// Paths the tests need: the repository root (samples, bundled experiments), and a small pronunciation dictionary cut
/// from the system one (the sample questions' words and every word of four letters or fewer), so the noise model
/// has sound-alikes to choose from while loading in a fraction of the full dictionary's time.
/// </summary>
internal static class LabTestFiles
{
    private static readonly Lazy<string> SmallDictionaryPath = new(WriteSmallDictionary);

    public static string Root { get; } = FindRoot();

    public static string Experiments => Path.Combine(Root, "hocon", "experiments");

    public static string SampleQuestions => Path.Combine(Root, "samples", "questions", "questions.tsv");

    public static string SmallDictionary => SmallDictionaryPath.Value;

    public static string NewTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "actorvoice-lab-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// A small simulated experiment over the sample questions, using the small dictionary; <paramref name="extra"/> is
    /// HOCON appended inside <c>experiment { }</c>.
    /// </summary>
    public static string WriteExperiment(string folder, string name, int seed, int turns = 60, string extra = "")
    {
        var path = Path.Combine(folder, name + ".conf");
        File.WriteAllText(path, $$"""
            experiment {
              mode = simulated
              seed = {{seed}}
              turns = {{turns}}
              strategies = [sequential, speculative, speculative-preemptive-bridge]
              knowledge.latency { min = 1s, max = 3s }
              questions {
                sets = [samples]
                samples-file = "{{Escape(SampleQuestions)}}"
                samples-docs = "{{Escape(Path.Combine(Root, "samples", "docs"))}}"
              }
              recognizer.pronunciation-dictionary = "{{Escape(SmallDictionary)}}"
              {{extra}}
            }
            """);
        return path;
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);

    private static string WriteSmallDictionary()
    {
        var vocabulary = File.ReadLines(SampleQuestions)
            .SelectMany(line => TextNormalizer.TranscriptWords(line.Split('\t')[^1]))
            .ToHashSet(StringComparer.Ordinal);
        var lines = File.ReadLines(CmuDictionary.PocketsphinxDefaultPath).Where(line =>
        {
            var word = line.Split(' ')[0];
            var variant = word.IndexOf('(', StringComparison.Ordinal);
            word = variant > 0 ? word[..variant] : word;
            return word.Length <= 4 || vocabulary.Contains(word);
        });
        var path = Path.Combine(NewTempFolder(), "cmudict-small.dict");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ActorVoice.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Cannot find ActorVoice.sln above " + AppContext.BaseDirectory);
    }
}
