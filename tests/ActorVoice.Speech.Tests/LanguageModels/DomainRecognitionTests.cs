using ActorVoice.Evaluation.Asr;
using ActorVoice.Speech.Recognition;
using ActorVoice.Speech.Tests.Recognition;

namespace ActorVoice.Speech.Tests.LanguageModels;

public sealed class DomainRecognitionTests : IClassFixture<GenericRecognizerFixture>, IClassFixture<DomainLanguageModelFixture>
{
    // Questions full of domain words ("purifier", "wifi", "serial number"): where a generic model struggles.
    private static readonly string[] QuestionIds = ["q22", "q26", "q28", "q30", "q32", "q33"];

    private readonly GenericRecognizerFixture _generic;
    private readonly DomainLanguageModelFixture _domain;

    public DomainRecognitionTests(GenericRecognizerFixture generic, DomainLanguageModelFixture domain)
    {
        _generic = generic;
        _domain = domain;
    }

    [Fact]
    public void Domain_language_model_should_lower_word_error_rate_on_domain_questions()
    {
        var questions = AsrDataSets.LoadQuestionManifest(RepositoryPaths.QuestionManifest)
            .Where(q => QuestionIds.Contains(q.Id))
            .ToList();
        Assert.Equal(QuestionIds.Length, questions.Count);
        using var domainRecognizer = new PocketsphinxRecognizer(_domain.Model.ToRecommendedOptions());

        var generic = AsrBenchmark.Run(_generic.Recognizer, questions);
        var domain = AsrBenchmark.Run(domainRecognizer, questions);

        Assert.True(
            domain.WordErrorRate < generic.WordErrorRate,
            $"domain WER {domain.WordErrorRate:P1} is not below generic WER {generic.WordErrorRate:P1}");
    }
}
