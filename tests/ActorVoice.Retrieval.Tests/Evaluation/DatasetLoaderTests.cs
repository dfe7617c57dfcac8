using ActorVoice.Evaluation.Datasets;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Evaluation;

public sealed class DatasetLoaderTests
{
    [Fact]
    public void OrSharc_loader_should_merge_dev_and_test_into_434_questions_and_506_pairs()
    {
        var dataset = OrSharcDatasetLoader.Load(SharedData.Folder("or-sharc"));

        Assert.Equal(651, dataset.Passages.Count);
        Assert.Equal("0", dataset.Passages[0].Id);
        Assert.Equal("650", dataset.Passages[^1].Id);
        Assert.Equal(434, dataset.Queries.Count);
        Assert.Equal(506, dataset.RelevantPairCount);
        Assert.Equal(434, dataset.Queries.Select(query => query.Text).Distinct().Count());
    }

    [Fact]
    public void OrSharc_spoken_variant_should_be_scenario_then_question()
    {
        var dataset = OrSharcDatasetLoader.Load(SharedData.Folder("or-sharc"));

        var query = dataset.Queries.First(q => q.Text == "Am I able to apply directly to my electricity supplier for help?");

        Assert.Contains("99", query.RelevantIds);
        Assert.EndsWith(" " + query.Text, query.SpokenText, StringComparison.Ordinal);
        Assert.True(query.SpokenText.Length > query.Text.Length + 1);
    }

    [Fact]
    public void StackFaq_loader_should_count_125_threads_719_answers_and_1249_paraphrases()
    {
        var dataset = StackFaqDatasetLoader.Load(SharedData.Folder("stackfaq"));

        Assert.Equal(125, dataset.GroupCount);
        Assert.Equal(719, dataset.Passages.Count);
        Assert.Equal(1249, dataset.Queries.Count);
        Assert.DoesNotContain(dataset.Queries, query => query.Text == "*");
    }

    [Fact]
    public void StackFaq_gold_set_should_be_all_answers_of_the_thread()
    {
        var dataset = StackFaqDatasetLoader.Load(SharedData.Folder("stackfaq"));

        var query = dataset.Queries.First(q => q.Text == "Does github support strikethrough letters?");

        var thread = dataset.Passages.Where(p => query.RelevantIds.Contains(p.Id)).Select(p => p.Group).Distinct().Single();
        Assert.Equal(dataset.Passages.Count(p => p.Group == thread), query.RelevantIds.Count);
        Assert.Contains(dataset.Passages, p => query.RelevantIds.Contains(p.Id) && p.Text.Contains("~~tildes", StringComparison.Ordinal));
    }

    [Fact]
    public void Loaders_should_fail_clearly_on_a_missing_folder_or_unknown_name()
    {
        var missing = Path.Combine(Path.GetTempPath(), "actorvoice-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var orSharc = Assert.Throws<DirectoryNotFoundException>(() => OrSharcDatasetLoader.Load(missing));
        var stackFaq = Assert.Throws<FileNotFoundException>(() => StackFaqDatasetLoader.Load(missing));
        var unknown = Assert.Throws<ArgumentException>(() => DatasetNames.Load("squad", SharedData.Root));

        Assert.Contains(missing, orSharc.Message, StringComparison.Ordinal);
        Assert.Contains("stackExchange-FAQ.json", stackFaq.Message, StringComparison.Ordinal);
        Assert.Contains("or-sharc", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OrSharc_loader_should_reject_malformed_json_lines()
    {
        var folder = Directory.CreateTempSubdirectory("actorvoice-orsharc-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "id2snippet.json"), "{\"0\": \"a snippet\"}");
            File.WriteAllText(Path.Combine(folder, "open_retrieval_sharc_dev.json"), "{\"question\": \"q\", \"gold_snippet_id\": \"0\"}\n{not json\n");
            File.WriteAllText(Path.Combine(folder, "open_retrieval_sharc_test.json"), string.Empty);

            var error = Assert.Throws<InvalidDataException>(() => OrSharcDatasetLoader.Load(folder));

            Assert.Contains("open_retrieval_sharc_dev.json:2", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
