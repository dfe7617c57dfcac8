using System.Diagnostics;
using ActorVoice.Engine.Configuration;
using ActorVoice.Engine.Speculation.Judging;
using ActorVoice.Retrieval.Search;
using Xunit.Abstractions;

namespace ActorVoice.Tests.Speculation;

/// <summary>The index reuse judge over a real (BM25) index built from four small documents.</summary>
public sealed class IndexReuseJudgeSpec : IDisposable
{
    private static readonly ReuseJudgeSettings Settings = EngineSettings.Reference.Speculation.Judge with { TopK = 3, MinOverlap = 0.5, MinSimilarity = 0 };
    private readonly string _root = Path.Combine(Path.GetTempPath(), "actorvoice-judge-" + Guid.NewGuid().ToString("N"));
    private readonly KnowledgeIndex _index;
    private readonly ITestOutputHelper _output;

    public IndexReuseJudgeSpec(ITestOutputHelper output)
    {
        _output = output;
        var documents = Path.Combine(_root, "docs");
        Directory.CreateDirectory(documents);
        File.WriteAllText(Path.Combine(documents, "vacation.md"),
            "# Vacation\n\n## Days\n\nEvery employee gets twenty-two paid vacation days per year. Unused vacation days carry over until March.\n");
        File.WriteAllText(Path.Combine(documents, "warranty.md"),
            "# Warranty\n\n## Period\n\nThe warranty period for every device is two years from delivery. Repairs under warranty are free.\n");
        File.WriteAllText(Path.Combine(documents, "expenses.md"),
            "# Expenses\n\n## Travel\n\nTravel expenses are refunded within thirty days when the receipts are attached.\n");
        File.WriteAllText(Path.Combine(documents, "parking.md"),
            "# Parking\n\n## Garage\n\nThe garage has forty parking spaces; employees book a space the day before.\n");
        _index = KnowledgeIndex.Build(documents, Path.Combine(_root, "index"));
    }

    private IndexReuseJudge Judge(ReuseJudgeSettings? settings = null) => new(_index, settings ?? Settings);

    private bool Answers(string speculated, string final, ReuseJudgeSettings? settings = null)
    {
        var judge = Judge(settings);
        return judge.Answers(judge.Understand(speculated), judge.Understand(final));
    }

    [Fact]
    public void Understanding_a_text_should_give_the_index_top_documents_best_first()
    {
        var meaning = Judge().Understand("how many vacation days do i get");
        Assert.Equal("vacation.md", meaning.Documents[0]);
        Assert.Contains("vacation", meaning.ContentWords);
        Assert.DoesNotContain("how", meaning.ContentWords);
        Assert.Null(meaning.Embedding);
    }

    [Theory]
    [InlineData("how many vacation days", "how manny vacation days do i get")]            // an earlier word rewritten, stop words added
    [InlineData("unused vacation days carry", "do unused vacation days carry over")]       // a word added
    [InlineData("warranty period device", "what is the warranty period for a device")]
    public void A_final_that_asks_the_same_should_be_answered_by_the_speculated_text(string speculated, string final) =>
        Assert.True(Answers(speculated, final));

    [Theory]
    [InlineData("how many vacation days", "what is the warranty period")]
    [InlineData("travel expenses refunded", "how many parking spaces in the garage")]
    public void A_final_that_asks_something_else_should_not_be_answered(string speculated, string final) =>
        Assert.False(Answers(speculated, final));

    [Fact]
    public void Texts_the_index_finds_nothing_for_should_be_judged_by_their_content_words()
    {
        Assert.True(Answers("zebra quantum", "the zebra quantum"));
        Assert.False(Answers("zebra quantum", "zebra quantum flux"));
        Assert.False(Answers("how is it", "how is it"));
    }

    [Fact]
    public void A_full_overlap_threshold_should_reject_results_that_share_only_the_top_document()
    {
        var strict = Settings with { MinOverlap = 1 };
        var judge = Judge(strict);
        var a = judge.Understand("vacation days") with { Documents = ["vacation.md", "parking.md"] };
        var b = judge.Understand("vacation days") with { Documents = ["vacation.md", "expenses.md"] };
        Assert.False(judge.Answers(a, b));
        Assert.True(Judge().Answers(a, b));
    }

    [Fact]
    public void Similarity_without_an_embedder_should_be_refused_when_created()
    {
        var error = Assert.Throws<ArgumentException>(() => new IndexReuseJudge(_index, Settings with { MinSimilarity = 0.5 }));
        Assert.Contains("min-similarity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_factory_should_judge_by_content_words_without_an_index_and_by_the_index_with_one()
    {
        Assert.IsType<ContentWordsReuseJudge>(ReuseJudges.Create(Settings, index: null));
        Assert.IsType<IndexReuseJudge>(ReuseJudges.Create(Settings, _index));
    }

    /// <summary>A figure, not an assertion: how long judging one text takes (BM25 index, warm).</summary>
    [Fact]
    public void Understanding_should_be_measured()
    {
        var judge = Judge();
        string[] texts = ["how many vacation days", "what is the warranty period", "travel expenses refunded", "parking spaces garage"];
        judge.Understand("warm up");
        var samples = new List<double>();
        for (var i = 0; i < 400; i++)
        {
            var watch = Stopwatch.StartNew();
            judge.Understand(texts[i % texts.Length] + " " + i);
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        _output.WriteLine($"IndexReuseJudge.Understand (BM25, 4 docs): p50 {samples[200]:0.000} ms, p99 {samples[396]:0.000} ms");
        Assert.Equal(400, samples.Count);
    }

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
