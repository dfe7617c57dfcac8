using System.Text.Json;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Cli;

/// <summary><c>actorvoice index</c> and <c>actorvoice search</c> run as real processes, their output going to pipes.</summary>
public class IndexAndSearchCommandSpec
{
    private static async Task<(string Docs, string Index)> SmallIndexAsync(string prefix)
    {
        var folder = RepoPaths.TempFolder(prefix);
        var docs = Directory.CreateDirectory(Path.Combine(folder, "docs")).FullName;
        for (var i = 0; i < 12; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(docs, $"topic{i:00}.md"), $"# Topic {i}\n\nRoom {i} is booked through the facilities desk; keys for room {i} are at reception.\n");
        }

        await File.WriteAllTextAsync(Path.Combine(docs, "parking.md"), "# Parking\n\nStaff park in the garage on level two. Visitors use the front lot.\n");
        return (docs, Path.Combine(folder, "index"));
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Index_into_a_pipe_should_print_progress_lines_without_carriage_returns()
    {
        var (docs, index) = await SmallIndexAsync("index-pipe");
        var (code, stdout, stderr) = await CliProcess.RunAsync("index", docs, "--index", index);

        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.DoesNotContain('\r', stderr);
        Assert.DoesNotContain('\r', stdout);
        Assert.Contains("scan 100% (13/13)", stderr, StringComparison.Ordinal);
        Assert.Contains("13 chunks", stdout, StringComparison.Ordinal);
        Assert.Contains("with embeddings", stdout, StringComparison.Ordinal);
        var progressLines = stderr.Split('\n').Count(l => l.StartsWith("chunk ", StringComparison.Ordinal));
        Assert.InRange(progressLines, 2, 11);
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Search_without_mode_should_use_the_engines_weighted_fusion()
    {
        var (docs, index) = await SmallIndexAsync("search-default");
        var (built, _, buildErrors) = await CliProcess.RunAsync("index", docs, "--index", index);
        Assert.True(built == 0, buildErrors);

        var (code, stdout, stderr) = await CliProcess.RunAsync("search", index, "where do visitors park", "--json", "--top", "2");

        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains("Weighted search over 13 chunks", stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        var best = json.RootElement.EnumerateArray().First();
        Assert.Equal("weighted", best.GetProperty("mode").GetString());
        Assert.Equal("parking.md", best.GetProperty("document").GetString());
        Assert.Equal(JsonValueKind.Number, best.GetProperty("bm25").ValueKind);
        Assert.Equal(JsonValueKind.Number, best.GetProperty("dense").ValueKind);
    }
}
