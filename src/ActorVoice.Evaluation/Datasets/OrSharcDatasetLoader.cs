using System.Text.Json;

namespace ActorVoice.Evaluation.Datasets;

/// <summary>
/// OR-ShARC: 651 policy snippets (id2snippet.json, keyed "0".."650") and the dev + test question files
/// (JSON lines with question, scenario, gold_snippet_id). Questions repeat across lines and files, so they
/// are merged by exact question text into one query with the set of all their gold snippets
/// (434 questions, 506 pairs). The spoken variant is the first scenario seen + " " + question.
/// </summary>
public static class OrSharcDatasetLoader
{
    public const string SnippetFile = "id2snippet.json";
    public static IReadOnlyList<string> QuestionFiles { get; } = ["open_retrieval_sharc_dev.json", "open_retrieval_sharc_test.json"];

    public static RetrievalDataset Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"OR-ShARC folder not found: {folder} (expected {SnippetFile} and the dev/test JSON-lines files there).");
        }

        var passages = LoadSnippets(Path.Combine(folder, SnippetFile));
        var known = passages.Select(passage => passage.Id).ToHashSet(StringComparer.Ordinal);
        var golds = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var scenarios = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var file in QuestionFiles)
        {
            var path = Path.Combine(folder, file);
            RequireFile(path);
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var (question, scenario, gold) = ParseQuestionLine(line, path, lineNumber);
                if (!known.Contains(gold))
                {
                    throw new InvalidDataException($"{path}:{lineNumber}: gold_snippet_id \"{gold}\" is not a key of {SnippetFile}.");
                }

                if (!golds.TryGetValue(question, out var set))
                {
                    set = new SortedSet<string>(StringComparer.Ordinal);
                    golds[question] = set;
                    scenarios[question] = scenario;
                    order.Add(question);
                }

                set.Add(gold);
            }
        }

        var queries = order
            .Select(question => new EvaluationQuery(
                question,
                golds[question],
                string.IsNullOrWhiteSpace(scenarios[question]) ? question : scenarios[question].Trim() + " " + question))
            .ToArray();
        return new RetrievalDataset(DatasetNames.OrSharc, passages, queries);
    }

    private static EvaluationPassage[] LoadSnippets(string path)
    {
        RequireFile(path);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path} must be a JSON object mapping snippet ids to texts.");
            }

            return document.RootElement.EnumerateObject()
                .Select(property => new EvaluationPassage(property.Name, property.Value.GetString() ?? string.Empty, property.Name))
                .OrderBy(passage => int.TryParse(passage.Id, out var number) ? number : int.MaxValue)
                .ThenBy(passage => passage.Id, StringComparer.Ordinal)
                .ToArray();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    private static (string Question, string Scenario, string Gold) ParseQuestionLine(string line, string path, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (!root.TryGetProperty("question", out var question) || !root.TryGetProperty("gold_snippet_id", out var gold))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: a line lacks \"question\" or \"gold_snippet_id\".");
            }

            var scenario = root.TryGetProperty("scenario", out var scenarioElement) ? scenarioElement.GetString() ?? string.Empty : string.Empty;
            var goldId = gold.ValueKind == JsonValueKind.Number ? gold.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : gold.GetString() ?? string.Empty;
            return (question.GetString() ?? string.Empty, scenario, goldId);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: not valid JSON: {e.Message}", e);
        }
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"OR-ShARC file not found: {path}", path);
        }
    }
}
