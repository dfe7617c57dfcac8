using System.Globalization;
using System.Text.Json;

namespace ActorVoice.Evaluation.Datasets;

/// <summary>
/// StackFAQ (stackExchange-FAQ.json): root.qapair[] threads, each with a question, answers and user
/// paraphrases (rephr). The corpus is every answer (id "thread:answer", group = thread); the queries are the
/// paraphrases (placeholders "*" and nulls skipped) and each one's gold set is all answers of its thread.
/// One thread stores its single answer as a string rather than an array; that counts as one answer
/// (125 threads, 719 answers, 1,249 paraphrases).
/// </summary>
public static class StackFaqDatasetLoader
{
    public const string FileName = "stackExchange-FAQ.json";

    public static RetrievalDataset Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"StackFAQ file not found: {path}", path);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("root", out var root) || !root.TryGetProperty("qapair", out var pairs) || pairs.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{path} lacks the root.qapair array.");
            }

            var passages = new List<EvaluationPassage>();
            var queries = new List<EvaluationQuery>();
            var thread = 0;
            foreach (var pair in pairs.EnumerateArray())
            {
                var group = thread.ToString(CultureInfo.InvariantCulture);
                var answers = ReadAnswers(pair);
                var gold = new SortedSet<string>(StringComparer.Ordinal);
                for (var a = 0; a < answers.Count; a++)
                {
                    var id = string.Create(CultureInfo.InvariantCulture, $"{thread}:{a}");
                    passages.Add(new EvaluationPassage(id, answers[a], group));
                    gold.Add(id);
                }

                if (pair.TryGetProperty("rephr", out var paraphrases) && paraphrases.ValueKind == JsonValueKind.Array)
                {
                    foreach (var paraphrase in paraphrases.EnumerateArray())
                    {
                        var text = paraphrase.ValueKind == JsonValueKind.String ? paraphrase.GetString()!.Trim() : null;
                        if (string.IsNullOrEmpty(text) || text == "*" || gold.Count == 0)
                        {
                            continue;
                        }

                        queries.Add(new EvaluationQuery(text, gold, text));
                    }
                }

                thread++;
            }

            return new RetrievalDataset(DatasetNames.StackFaq, passages, queries);
        }
    }

    private static List<string> ReadAnswers(JsonElement pair)
    {
        if (!pair.TryGetProperty("answer", out var answer))
        {
            return [];
        }

        return answer.ValueKind switch
        {
            JsonValueKind.String => [answer.GetString()!],
            JsonValueKind.Array => answer.EnumerateArray()
                .Where(item => item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
                .Select(item => item.GetString()!)
                .ToList(),
            _ => [],
        };
    }
}
