using ActorVoice.Config;
using ActorVoice.Engine.Configuration;
using ActorVoice.LocalServer.Hosting;
using Akka.Configuration;

namespace ActorVoice.Tests.Configuration;

/// <summary>A value that cannot be used is refused when the settings are read, with the full key in the message.</summary>
public sealed class InvalidSettingSpec
{
    [Theory]
    [InlineData("actorvoice.engine.turn.vad-threshold = 7", "actorvoice.engine.turn.vad-threshold", "= 7 must be between 0 and 1")]
    [InlineData("actorvoice.engine.turn.transcript-timeout = soon", "actorvoice.engine.turn.transcript-timeout", "= 'soon' is not a duration such as 500ms or 10s (it does not start with a number)")]
    [InlineData("actorvoice.engine.realtime.connect-timeout = 10 parsecs", "actorvoice.engine.realtime.connect-timeout", "the unit 'parsecs' is none of ms, s, m, h or d")]
    [InlineData("actorvoice.engine.realtime.keep-alive = 0s", "actorvoice.engine.realtime.keep-alive", "must be above zero")]
    [InlineData("actorvoice.engine.playback.start-buffer = -5ms", "actorvoice.engine.playback.start-buffer", "= -5ms must not be negative")]
    [InlineData("actorvoice.engine.retrieval.top-k = three", "actorvoice.engine.retrieval.top-k", "is not a whole number")]
    [InlineData("actorvoice.engine.retrieval.mode = fuzzy", "actorvoice.engine.retrieval.mode", "must be one of bm25, dense, rrf, weighted")]
    [InlineData("actorvoice.engine.turn.barge-in = maybe", "actorvoice.engine.turn.barge-in", "is not on/off")]
    [InlineData("actorvoice.engine.capture.pace = slow", "actorvoice.engine.capture.pace", "must be one of realtime, fast")]
    public void A_bad_engine_value_should_name_its_key(string hocon, string key, string problem)
    {
        var error = Assert.Throws<InvalidSettingException>(() => EngineSettings.Create(ConfigurationFactory.ParseString(hocon)));

        Assert.Equal(key, error.Key);
        Assert.StartsWith("Setting " + key, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("actorvoice.local-server.port = 70000", "actorvoice.local-server.port", "must be between 0 and 65535")]
    [InlineData("actorvoice.local-server.synthesis.engine = festival", "actorvoice.local-server.synthesis.engine", "must be one of flite, espeak-ng, espeak")]
    [InlineData("actorvoice.local-server.vad.silence-duration = 500", "actorvoice.local-server.vad.silence-duration", "the unit '' is none of")]
    public void A_bad_local_server_value_should_name_its_key(string hocon, string key, string problem)
    {
        var error = Assert.Throws<InvalidSettingException>(() => LocalServerSettings.Create(ConfigurationFactory.ParseString(hocon)));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_missing_from_every_config_should_be_named()
    {
        // Settings read from a config without the reference behind it: the first key read is missing.
        var bare = ConfigurationFactory.ParseString("actorvoice.engine.realtime { url = embedded }");

        var error = Assert.Throws<InvalidSettingException>(() => SettingsBinder.Bind<EngineSettings>(bare, "actorvoice.engine"));

        Assert.Equal("actorvoice.engine.realtime.model", error.Key);
        Assert.Contains("is missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("VadSilenceDuration", "vad-silence-duration")]
    [InlineData("Bm25K1", "bm25-k1")]
    [InlineData("TopK", "top-k")]
    [InlineData("Url", "url")]
    public void Property_names_should_map_to_kebab_case_keys(string property, string key) =>
        Assert.Equal(key, SettingsBinder.KebabCase(property));
}
