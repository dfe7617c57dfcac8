using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorVoice.Cli.Load;

/// <summary>Prints a <see cref="LoadReport"/> as a table for people or one JSON object for scripts.</summary>
public static class LoadReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Json(LoadReport report) => JsonSerializer.Serialize(report, JsonOptions);

    public static void PrintTable(LoadReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        string Ms(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) + " ms" : "n/a";
        string Mb(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) + " MiB" : "n/a";
        var lines = new (string Name, string Value)[]
        {
            ("target", report.Target),
            ("sessions", Invariant($"{report.SessionsConnected} connected of {report.Sessions}")),
            ("window", Invariant($"{report.MeasuredSeconds:0.0} s measured after a {report.RampSeconds:0.#} s ramp")),
            ("frame handling p50", Ms(report.FrameP50Ms)),
            ("frame handling p99", Ms(report.FrameP99Ms)),
            ("frame handling max", Ms(report.FrameMaxMs)),
            ("frames measured", Invariant($"{report.FramesMeasured} ({report.FrameLatencySource})")),
            ("ping p50 / p99", $"{Ms(report.PingP50Ms)} / {Ms(report.PingP99Ms)}"),
            ("cpu", Invariant($"{report.CpuCores:0.00} cores = {report.CpuPercent:0}% of {report.Cores}")),
            ("working set", Invariant($"{report.WorkingSetMb:0} MiB (baseline {report.BaselineWorkingSetMb:0}, peak {report.PeakWorkingSetMb:0})")),
            ("working set per session", Mb(report.WorkingSetPerSessionMb)),
            ("managed per session", Mb(report.ManagedPerSessionMb)),
            ("turns completed", Invariant($"{report.TurnsCompleted} ({report.TurnsAnswered} answered, {report.TurnsRightDocument} from the right document)")),
            ("audio", Invariant($"{report.FramesSent} frames sent, {report.AudioReceivedSeconds:0.0} s of answer audio received")),
            ("errors", Invariant($"{report.ErrorEvents} error events, {report.ClientFailures} client failures")),
        };
        foreach (var (name, value) in lines)
        {
            output.WriteLine($"{name,-26}{value}");
        }

        foreach (var failure in report.FailureSamples)
        {
            output.WriteLine($"{"  failure",-26}{failure}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
