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
        Assert.Equal(TimeSpan.FromMilliseconds(60), settings.Speculation.Debounce);
        Assert.Equal(2, settings.Speculation.MinContentWords);
        Assert.Equal(2, settings.Speculation.MaxInFlight);
        Assert.Equal(SpeculationReuseRule.StopwordExtension, settings.Speculation.ReuseRule);
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
            }
            actorvoice.engine.speculation { reuse-rule = same-top-k, max-in-flight = 4, compare-top-k = 5, last-word-stable = on, debounce = 80ms }
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
    }

    [Theory]
    [InlineData("actorvoice.engine.knowledge.source = wiki", "actorvoice.engine.knowledge.source = 'wiki' must be one of index, http")]
    [InlineData("actorvoice.engine.speculation.reuse-rule = fuzzy", "reuse-rule = 'fuzzy' must be one of normalized, stopword-extension, same-top-k")]
    public void An_unknown_choice_should_name_the_key_and_the_accepted_values(string hocon, string expected)
    {
        var error = Assert.Throws<InvalidSettingException>(() => EngineSettings.Create(ConfigurationFactory.ParseString(hocon)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max-in-flight = 0", "actorvoice.engine.speculation.max-in-flight = 0 must be at least 1")]
    [InlineData("min-content-words = 0", "actorvoice.engine.speculation.min-content-words = 0 must be at least 1")]
    [InlineData("deadline = 0s", "actorvoice.engine.speculation.deadline = 0ms must be above zero")]
    public void An_out_of_range_number_should_name_the_key(string hocon, string expected)
    {
        var error = Assert.Throws<InvalidSettingException>(() =>
            EngineSettings.Create(ConfigurationFactory.ParseString("actorvoice.engine.speculation." + hocon)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
