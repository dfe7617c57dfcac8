using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorVoice.Speech.LanguageModels;
using ActorVoice.Speech.Recognition;

namespace ActorVoice.Evaluation.Asr;

/// <summary>
/// The <c>actorvoice bench asr</c> comparison: sample questions with the generic model, the domain model alone and
/// the two interpolated; LibriVox with the generic model.
/// </summary>
public static class AsrComparison
{
    public static async Task<IReadOnlyList<AsrComparisonRow>> RunAsync(
        string questionManifest,
        string documentsFolder,
        string? libriVoxFolder,
        string cacheDirectory,
        Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var questions = AsrDataSets.LoadQuestionManifest(questionManifest);
        var stopwatch = Stopwatch.StartNew();
        var domain = await DomainLanguageModel.BuildFromFolderAsync(documentsFolder, cacheDirectory, cancellationToken: cancellationToken).ConfigureAwait(false);
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"domain LM: {domain.VocabularySize} words, {domain.GuessedPronunciationCount} pronounced by flite, {domain.SkippedWords.Count} skipped, " +
            $"{(domain.FromCache ? "from cache" : "built")} in {stopwatch.ElapsedMilliseconds} ms ({domain.Folder})"));

        var setups = new (string Name, PocketsphinxOptions Options)[]
        {
            ("generic en-us", PocketsphinxOptions.Default),
            ("domain only", domain.ToOptions()),
            (string.Create(CultureInfo.InvariantCulture, $"generic+domain {DomainLanguageModel.RecommendedDomainWeight:0.0#}"), domain.ToRecommendedOptions()),
        };
        var rows = new List<AsrComparisonRow>();
        foreach (var (name, options) in setups)
        {
            rows.Add(Run("sample questions", name, options, questions, progress, cancellationToken));
        }

        if (libriVoxFolder is not null)
        {
            rows.Add(Run("LibriVox", "generic en-us", PocketsphinxOptions.Default, AsrDataSets.LoadLibriVox(libriVoxFolder), progress, cancellationToken));
        }

        return rows;
    }

    public static string FormatTable(IEnumerable<AsrComparisonRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new StringBuilder();
        builder.AppendLine("| Data set | Language model | Utts | Words | WER | Exact | RTF | Partials/utt | Load (s) |");
        builder.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var r = row.Result;
            builder.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.DataSet} | {row.LanguageModel} | {r.Utterances.Count} | {r.TotalErrors.ReferenceWords} | {r.WordErrorRate * 100:0.0}% ({r.TotalErrors.Errors}) | " +
                $"{r.ExactMatches} | {r.RealTimeFactor:0.000} | {r.PartialHypothesisCount / (double)Math.Max(1, r.Utterances.Count):0.0} | {row.DecoderLoadTime.TotalSeconds:0.00} |"));
        }

        return builder.ToString();
    }

    private static AsrComparisonRow Run(
        string dataSet, string name, PocketsphinxOptions options, IReadOnlyList<AsrSample> samples, Action<string>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var recognizer = new PocketsphinxRecognizer(options);
        var load = stopwatch.Elapsed;
        var result = AsrBenchmark.Run(recognizer, samples, cancellationToken);
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"{dataSet} / {name}: WER {result.WordErrorRate * 100:0.0}% RTF {result.RealTimeFactor:0.000}"));
        return new AsrComparisonRow(dataSet, name, load, result);
    }
}
