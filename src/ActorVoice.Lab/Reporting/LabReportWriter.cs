using System.Globalization;
using System.Text;
using ActorVoice.Lab.Experiments;

namespace ActorVoice.Lab.Reporting;

/// <summary>Writes report.md: the experiment's parameters, one row per strategy, the stage medians, the plots, and definitions.</summary>
public static class LabReportWriter
{
    public const string FileName = "report.md";

    public static string Render(ExperimentSettings settings, IReadOnlyList<StrategySummary> summaries, string runnerDescription, string csvFileName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(summaries);
        var md = new StringBuilder();
        md.Append("# Latency lab: ").Append(settings.Name).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Mode {settings.Mode.ToString().ToLowerInvariant()}, seed {settings.Seed}, {settings.Turns} turns per strategy, ")
            .Append(CultureInfo.InvariantCulture, $"knowledge source {settings.Knowledge.Source.ToString().ToLowerInvariant()} taking {Ms(settings.Knowledge.Latency.MinMs)}–{Ms(settings.Knowledge.Latency.MaxMs)} ms (uniform), ")
            .Append("questions: ").Append(string.Join(", ", settings.Questions.Sets.Select(set => set == QuestionSet.OrSharc ? "or-sharc" : "samples"))).Append(".\n\n");
        md.Append("Runner: ").Append(runnerDescription).Append("\n\n");

        md.Append("## Results\n\n");
        md.Append("| strategy | turns | voice-to-voice p50 / p90 / p99 (ms) | answer audio p50 / p90 / p99 (ms) | RAG added p50 / p90 / p99 (ms) | hit rate | agreement | reuse agreement | wasted jobs |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var s in summaries)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {s.Name} | {s.Turns} | {Triple(s.VoiceToVoice)} | {Triple(s.AnswerAudio)} | {Triple(s.RagAdded)} | ")
                .Append(CultureInfo.InvariantCulture, $"{Percent(s.HitRate)} | {Percent(s.Agreement)} | {(s.ReuseAgreement is { } reuse ? Percent(reuse) : "–")} | {s.WastedJobs} |\n");
        }

        md.Append("\n## Median of each stage (ms)\n\n");
        md.Append("| strategy | recognition (end of speech → final transcript) | RAG added | response (→ answer audio) |\n|---|---:|---:|---:|\n");
        foreach (var s in summaries)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {s.Name} | {Ms(s.Stages.RecognitionMs)} | {Ms(s.Stages.RagAddedMs)} | {Ms(s.Stages.ResponseMs)} |\n");
        }

        md.Append("\n## Plots\n\n");
        md.Append("![Voice-to-voice latency CDF](").Append(LabPlots.CdfFile).Append(")\n\n");
        md.Append("![Answer latency by stage](").Append(LabPlots.StagesFile).Append(")\n\n");
        md.Append("![Hit rate vs agreement](").Append(LabPlots.HitAgreementFile).Append(")\n\n");
        md.Append("Raw turns: [").Append(csvFileName).Append("](").Append(csvFileName).Append(").\n\n");

        md.Append("## Definitions\n\n");
        md.Append("- Times are milliseconds after the end of user speech. Voice-to-voice: to the first audio of anything (a bridge included). ")
            .Append("Answer audio: to the first audio of the answer itself. RAG added: answer ready − final transcript, floored at 0.\n");
        md.Append("- Percentiles are nearest-rank: the value at rank ⌈p/100 × n⌉ of the sorted turns.\n");
        md.Append("- Hit: a speculative result answered the turn. Agreement: the answer's top document equals a fresh query's on the final transcript, ")
            .Append("over all turns (a turn answered by a fresh query agrees); reuse agreement: the same over hits only.\n");
        md.Append("- Wasted jobs: retrieval jobs whose result was not used (cancelled, or finished and ignored), summed over all turns.\n");
        return md.ToString();
    }

    private static string Triple(LatencyPercentiles p) => $"{Ms(p.P50)} / {Ms(p.P90)} / {Ms(p.P99)}";

    private static string Ms(double value) =>
        double.IsFinite(value) ? Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) : "–";

    private static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
