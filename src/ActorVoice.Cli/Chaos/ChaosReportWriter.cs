using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorVoice.Cli.Chaos;

/// <summary>Prints a <see cref="ChaosReport"/>: the invariant table and the turns for people, or one JSON object.</summary>
public static class ChaosReportWriter
{
    public static void WriteTable(TextWriter output, ChaosReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        output.WriteLine($"Chaos run: plan {report.Plan}, seed {report.Seed}");
        output.WriteLine();
        output.WriteLine($"{"turn",4}  {"label",-24} {"outcome",-12} {"false int.",10} {"played ms",9}  transcript / fallback / error");
        foreach (var t in report.Turns)
        {
            var note = t.Error ?? t.FallbackReason ?? t.Transcript;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Turn,4}  {t.Label,-24} {t.Outcome,-12} {t.FalseInterruptions,10} {t.AudioPlayedMs,9}  {note}"));
        }

        output.WriteLine();
        var faults = report.Faults.Count == 0 ? "none" : string.Join(", ", report.Faults.Select(f => $"{f.Key} {f.Value}"));
        output.WriteLine($"Faults injected: {faults}");
        output.WriteLine(report.ReconnectsMs.Count == 0
            ? "Reconnects: none"
            : string.Create(CultureInfo.InvariantCulture, $"Reconnects: {report.ReconnectsMs.Count} ({string.Join(", ", report.ReconnectsMs.Select(ms => $"{ms:0} ms"))})"));
        output.WriteLine($"False interruptions resumed: {report.FalseInterruptionsResumed}");
        output.WriteLine();
        var width = Math.Max(9, report.Invariants.Max(i => i.Name.Length));
        output.WriteLine($"{"invariant".PadRight(width)}  held  detail");
        foreach (var i in report.Invariants)
        {
            output.WriteLine($"{i.Name.PadRight(width)}  {(i.Held ? "yes " : "NO  ")}  {i.Detail}");
        }

        output.WriteLine();
        output.WriteLine(report.AllHeld ? "All invariants held." : $"{report.Invariants.Count(i => !i.Held)} invariant(s) failed.");
    }

    public static string ToJson(ChaosReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("plan", report.Plan);
            json.WriteNumber("seed", report.Seed);
            json.WriteStartArray("invariants");
            foreach (var i in report.Invariants)
            {
                json.WriteStartObject();
                json.WriteString("name", i.Name);
                json.WriteBoolean("held", i.Held);
                json.WriteString("detail", i.Detail);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("turns");
            foreach (var t in report.Turns)
            {
                json.WriteStartObject();
                json.WriteNumber("turn", t.Turn);
                json.WriteString("label", t.Label);
                json.WriteString("kind", t.Kind);
                json.WriteString("outcome", t.Outcome);
                json.WriteString("fallbackReason", t.FallbackReason);
                json.WriteNumber("falseInterruptions", t.FalseInterruptions);
                json.WriteString("transcript", t.Transcript);
                json.WriteString("heardAnswer", t.HeardAnswer);
                json.WriteNumber("audioPlayedMs", t.AudioPlayedMs);
                json.WriteString("error", t.Error);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("faults");
            foreach (var (key, count) in report.Faults)
            {
                json.WriteNumber(key, count);
            }

            json.WriteEndObject();
            json.WriteStartArray("reconnects");
            foreach (var ms in report.ReconnectsMs)
            {
                json.WriteNumberValue(Math.Round(ms, 1));
            }

            json.WriteEndArray();
            json.WriteNumber("falseInterruptionsResumed", report.FalseInterruptionsResumed);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
