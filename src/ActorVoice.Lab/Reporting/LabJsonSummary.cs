using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorVoice.Lab.Reporting;

/// <summary>
/// What <c>bench latency --json</c> prints: <c>{"strategies": [{"name", "turns", "v2vP50Ms", "v2vP99Ms",
/// "answerP50Ms", "ragAddedP50Ms", "hitRate", "agreement", "wastedJobs"}]}</c>. Milliseconds have one decimal,
/// rates four; <c>agreement</c> is over all turns (see <see cref="StrategySummary"/>).
/// </summary>
public sealed record LabJsonSummary([property: JsonPropertyName("strategies")] IReadOnlyList<LabJsonStrategy> Strategies)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static LabJsonSummary Of(IEnumerable<StrategySummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        return new LabJsonSummary(summaries.Select(summary => new LabJsonStrategy(
            summary.Name,
            summary.Turns,
            Round(summary.VoiceToVoice.P50, 1),
            Round(summary.VoiceToVoice.P99, 1),
            Round(summary.AnswerAudio.P50, 1),
            Round(summary.RagAdded.P50, 1),
            Round(summary.HitRate, 4),
            Round(summary.Agreement, 4),
            summary.WastedJobs)).ToArray());
    }

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    private static double Round(double value, int digits) =>
        double.IsFinite(value) ? Math.Round(value, digits, MidpointRounding.AwayFromZero) : 0;
}
