using System.Text.Json;
using ActorVoice.Tests.Cli;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Load;

/// <summary>
/// <c>actorvoice bench load</c> run as a real process: the serve host in process, two simulated clients streaming the
/// sample questions for a few seconds. Checks that the report is filled in, not how fast anything was (the figures are
/// measured by the benchmark itself and recorded in docs/load.md).
/// </summary>
public sealed class BenchLoadCommandSpec
{
    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Json_report_should_fill_in_latency_cpu_memory_and_traffic_for_two_sessions()
    {
        var output = RepoPaths.TempFolder("bench-load");

        var (code, stdout, stderr) = await CliProcess.RunAsync(
            "bench", "load", "--sessions", "2", "--duration", "6", "--ramp", "1", "--warmup", "0", "--out", output, "--json");

        Assert.True(code == 0, $"exit {code}: {stderr}");
        using var json = JsonDocument.Parse(stdout.Trim());
        var report = json.RootElement;
        Assert.Equal(2, report.GetProperty("sessions").GetInt32());
        Assert.Equal(2, report.GetProperty("sessions_connected").GetInt32());
        Assert.StartsWith("serve histogram", report.GetProperty("frame_latency_source").GetString(), StringComparison.Ordinal);
        Assert.True(report.GetProperty("frames_measured").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("frame_p50_ms").ValueKind);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("frame_p99_ms").ValueKind);
        Assert.True(report.GetProperty("frame_p99_ms").GetDouble() >= report.GetProperty("frame_p50_ms").GetDouble());
        Assert.True(report.GetProperty("cpu_cores").GetDouble() > 0);
        Assert.True(report.GetProperty("working_set_mb").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("working_set_per_session_mb").ValueKind);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("managed_per_session_mb").ValueKind);
        Assert.True(report.GetProperty("frames_sent").GetInt64() > 0);
        Assert.True(report.GetProperty("turns_completed").GetInt32() >= report.GetProperty("turns_answered").GetInt32());
        Assert.True(report.GetProperty("turns_answered").GetInt32() >= report.GetProperty("turns_right_document").GetInt32());
        Assert.Equal(0, report.GetProperty("client_failures").GetInt32());
        Assert.Equal(0, report.GetProperty("error_events").GetInt32());
    }

    [Fact]
    public async Task Ramp_as_long_as_the_run_should_be_refused_with_a_message()
    {
        var (code, _, stderr) = await CliProcess.RunAsync("bench", "load", "--sessions", "2", "--duration", "5", "--ramp", "5");

        Assert.Equal(2, code);
        Assert.Contains("--ramp", stderr, StringComparison.Ordinal);
    }
}
