using ActorVoice.Lab.Experiments;
using ActorVoice.Evaluation.Datasets;

namespace ActorVoice.Lab.Scripts;

/// <summary>Loads the questions of <c>experiment.questions.sets</c>, in a fixed order (file order, then set order).</summary>
public static class QuestionSetLoader
{
    public const string OrSharcIdPrefix = "or-sharc-";

    public static IReadOnlyList<LabQuestion> Load(QuestionSettings settings, string? experimentFile)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var questions = new List<LabQuestion>();
        foreach (var set in settings.Sets)
        {
            questions.AddRange(set switch
            {
                QuestionSet.Samples => LoadSamples(LabPaths.Resolve(settings.SamplesFile, experimentFile)),
                QuestionSet.OrSharc => LoadOrSharc(LabPaths.Resolve(settings.OrSharcFolder, experimentFile), settings.OrSharcSpoken),
                _ => throw new ArgumentOutOfRangeException(nameof(settings), set, "Unknown question set."),
            });
        }

        return questions;
    }

    /// <summary>The sample questions file: <c>id&lt;TAB&gt;file&lt;TAB&gt;text</c> per line.</summary>
    public static IReadOnlyList<LabQuestion> LoadSamples(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Sample questions not found: {path} (experiment.questions.samples-file)", path);
        }

        var questions = new List<LabQuestion>();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? string.Empty;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 3 || string.IsNullOrWhiteSpace(fields[2]))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected id<TAB>file<TAB>text.");
            }

            var audio = string.IsNullOrWhiteSpace(fields[1]) ? null : Path.Combine(folder, fields[1].Trim());
            questions.Add(new LabQuestion(fields[0].Trim(), fields[2].Trim(), audio));
        }

        return questions;
    }

    public static IReadOnlyList<LabQuestion> LoadOrSharc(string folder, bool spoken)
    {
        var dataset = OrSharcDatasetLoader.Load(folder);
        return dataset.Queries
            .Select((query, index) => new LabQuestion(
                OrSharcIdPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                spoken ? query.SpokenText : query.Text))
            .ToArray();
    }
}
