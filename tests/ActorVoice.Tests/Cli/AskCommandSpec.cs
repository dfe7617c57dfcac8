using System.Text.Json;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Cli;

/// <summary>The <c>actorvoice</c> executable run as a real process.</summary>
public class AskCommandSpec
{
    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => CliProcess.RunAsync(args);

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Ask_with_json_should_print_one_object_with_transcript_answer_sources_and_timeline()
    {
        var outDir = RepoPaths.TempFolder("ask-cli");
        var (code, stdout, stderr) = await RunAsync(
            "ask", "--docs", "samples/docs", "--audio", "samples/questions/q10.wav", "--json", "--playback", "fast", "--out", outDir);

        Assert.True(code == 0, $"exit {code}: {stderr}");
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("transcript").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("answer").GetString()));
        var sources = root.GetProperty("sources").EnumerateArray().ToList();
        Assert.NotEmpty(sources);
        Assert.EndsWith(".md", sources[0].GetProperty("document").GetString(), StringComparison.Ordinal);
        Assert.True(sources[0].GetProperty("chunk").GetInt32() >= 0);
        if (root.GetProperty("speculation").GetProperty("reused").GetInt32() == 0)
        {
            // A fresh query's sources come by score; a reused speculative result is focused on the final question
            // (its passages reordered), and each keeps the score of the query that found it.
            Assert.True(sources[0].GetProperty("score").GetDouble() >= sources[^1].GetProperty("score").GetDouble());
        }
        var timeline = root.GetProperty("timeline");
        foreach (var mark in new[] { "transcriptFinalMs", "retrievalDoneMs", "firstAudioMs", "playbackStartedMs" })
        {
            Assert.True(timeline.GetProperty(mark).GetDouble() > 0, mark);
        }

        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Ask_with_an_unreadable_wav_should_exit_2_with_a_clear_message()
    {
        var bad = Path.Combine(RepoPaths.TempFolder("ask-bad"), "bad.wav");
        await File.WriteAllTextAsync(bad, "not audio");
        var (code, stdout, stderr) = await RunAsync("ask", "--docs", "samples/docs", "--audio", bad, "--json");
        Assert.Equal(2, code);
        Assert.Contains("not a readable WAV file", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.Trim());
    }

    [Fact]
    public async Task Ask_without_docs_or_index_should_be_a_usage_error()
    {
        var (code, _, stderr) = await RunAsync("ask", "--audio", "samples/questions/q01.wav");
        Assert.NotEqual(0, code);
        Assert.Contains("--docs DIR or --index DIR", stderr, StringComparison.Ordinal);
    }
}
