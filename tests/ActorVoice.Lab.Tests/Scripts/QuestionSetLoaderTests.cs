using ActorVoice.Lab.Experiments;
using ActorVoice.Lab.Scripts;
using ActorVoice.Lab.Tests.Support;
using Xunit;

namespace ActorVoice.Lab.Tests.Scripts;

public sealed class QuestionSetLoaderTests
{
    [Fact]
    public void The_sample_questions_come_in_file_order_with_their_recordings()
    {
        var questions = QuestionSetLoader.LoadSamples(LabTestFiles.SampleQuestions);

        Assert.Equal(File.ReadLines(LabTestFiles.SampleQuestions).Count(line => line.Length > 0), questions.Count);
        Assert.Equal("q01", questions[0].Id);
        Assert.Equal("how many vacation days do new employees get", questions[0].Text);
        Assert.All(questions, question => Assert.True(File.Exists(question.AudioFile), question.AudioFile));
    }

    [Fact]
    public void Both_sets_resolve_their_relative_paths_from_the_folders_above_the_experiment_file()
    {
        var settings = new QuestionSettings([QuestionSet.Samples, QuestionSet.OrSharc], "samples/questions/questions.tsv", "samples/docs", "../shared/data/or-sharc", OrSharcSpoken: false);
        var experimentFile = Path.Combine(LabTestFiles.Experiments, "seed-scenario.conf");

        var questions = QuestionSetLoader.Load(settings, experimentFile);

        var orSharc = questions.Where(question => question.Id.StartsWith(QuestionSetLoader.OrSharcIdPrefix, StringComparison.Ordinal)).ToArray();
        Assert.Equal(434, orSharc.Length);
        Assert.Equal("q01", questions[0].Id);
        Assert.All(orSharc, question => Assert.Null(question.AudioFile));
    }

    [Fact]
    public void A_missing_questions_file_names_the_key_that_points_to_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => QuestionSetLoader.LoadSamples("/nonexistent/questions.tsv"));

        Assert.Contains("experiment.questions.samples-file", error.Message, StringComparison.Ordinal);
    }
}
