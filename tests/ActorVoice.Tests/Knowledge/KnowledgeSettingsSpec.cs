using ActorVoice.Config;
using Akka.Configuration;
using ActorVoice.Engine.Configuration;

namespace ActorVoice.Tests.Knowledge;

/// <summary>The knowledge and speculation sections of engine.conf, read into typed settings.</summary>
public sealed class KnowledgeSettingsSpec
{
    [Fact]
    public void The_reference_config_should_give_the_documented_defaults()
    {
        var settings = EngineSettings.Create(ConfigurationFactory.Empty);
        Assert.Equal(KnowledgeSourceKind.Index, settings.Knowledge.Source);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Knowledge.Http.Timeout);
        Assert.Equal("question", settings.Knowledge.Http.QuestionField);
        Assert.True(settings.Speculation.Enabled);
        Assert.Equal(TimeSpan.Zero, settings.Speculation.Debounce);
        Assert.Equal(1, settings.Speculation.MinContentWords);
        Assert.Equal(4, settings.Speculation.MaxInFlight);
        Assert.Equal(SpeculationReuseRule.Meaning, settings.Speculation.ReuseRule);
        Assert.False(settings.Speculation.Verify);
        Assert.Equal(3, settings.Speculation.Judge.TopK);
        Assert.Equal(0.5, settings.Speculation.Judge.MinOverlap);
        Assert.Equal(0, settings.Speculation.Judge.MinSimilarity);
        Assert.False(settings.Speculation.Judge.LexicalOnly);
        Assert.Equal(TimeSpan.Zero, settings.Knowledge.AddedLatency);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.Speculation.Deadline);
        Assert.True(settings.Speculation.LastWordStable); // the embedded local server sends finished words only
    }

    [Fact]
    public void Overrides_should_be_read()
    {
        var config = ConfigurationFactory.ParseString("""
            actorvoice.engine.knowledge {
              source = http
              http { url = "http://bot.internal:8080/ask", timeout = 750ms, answer-field = "data.reply", sources-field = "" }
              added-latency = 1500ms
            }
            actorvoice.engine.speculation { reuse-rule = same-top-k, max-in-flight = 4, compare-top-k = 5, last-word-stable = on, debounce = 80ms, verify = on }
            actorvoice.engine.speculation.judge { top-k = 5, min-overlap = 0.8, min-similarity = 0.6, lexical-only = on }
            """);
        var settings = EngineSettings.Create(config);
        Assert.Equal(KnowledgeSourceKind.Http, settings.Knowledge.Source);
        Assert.Equal("http://bot.internal:8080/ask", settings.Knowledge.Http.Url);
        Assert.Equal(TimeSpan.FromMilliseconds(750), settings.Knowledge.Http.Timeout);
        Assert.Equal("data.reply", settings.Knowledge.Http.AnswerField);
        Assert.Equal(string.Empty, settings.Knowledge.Http.SourcesField);
        Assert.Equal(SpeculationReuseRule.SameTopK, settings.Speculation.ReuseRule);
        Assert.Equal(4, settings.Speculation.MaxInFlight);
        Assert.Equal(5, settings.Speculation.CompareTopK);
        Assert.True(settings.Speculation.LastWordStable);
        Assert.Equal(TimeSpan.FromMilliseconds(80), settings.Speculation.Debounce);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.Knowledge.AddedLatency);
        Assert.True(settings.Speculation.Verify);
        Assert.Equal(new ReuseJudgeSettings { TopK = 5, MinOverlap = 0.8, MinSimilarity = 0.6, LexicalOnly = true }, settings.Speculation.Judge);
    }

    [Theory]
    [InlineData("actorvoice.engine.knowledge.source = wiki", "actorvoice.engine.knowledge.source = 'wiki' must be one of index, http")]
    [InlineData("actorvoice.engine.speculation.reuse-rule = fuzzy", "reuse-rule = 'fuzzy' must be one of normalized, stopword-extension, same-top-k, meaning")]
    public void An_unknown_choice_should_name_the_key_and_the_accepted_values(string hocon, string expected)
    {
        var error = Assert.Throws<InvalidSettingException>(() => EngineSettings.Create(ConfigurationFactory.ParseString(hocon)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max-in-flight = 0", "actorvoice.engine.speculation.max-in-flight = 0 must be at least 1")]
    [InlineData("min-content-words = 0", "actorvoice.engine.speculation.min-content-words = 0 must be at least 1")]
    [InlineData("deadline = 0s", "actorvoice.engine.speculation.deadline = 0ms must be above zero")]
    [InlineData("judge.top-k = 0", "actorvoice.engine.speculation.judge.top-k = 0 must be")]
    [InlineData("judge.min-overlap = 1.5", "actorvoice.engine.speculation.judge.min-overlap = 1.5 must be")]
    public void An_out_of_range_number_should_name_the_key(string hocon, string expected)
    {
        var error = Assert.Throws<InvalidSettingException>(() =>
            EngineSettings.Create(ConfigurationFactory.ParseString("actorvoice.engine.speculation." + hocon)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
