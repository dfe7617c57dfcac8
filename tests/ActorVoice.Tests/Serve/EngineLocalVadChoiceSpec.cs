using ActorVoice.Cli.Runtime;
using ActorVoice.Config;
using ActorVoice.Server.Configuration;
using ActorVoice.Server.Hosting;

namespace ActorVoice.Tests.Serve;

/// <summary>
/// <c>actorvoice.serve.engine-local-vad</c>: with the embedded realtime server its VAD alone detects turns and
/// barge-in (one VAD per session, not two); with a remote server the engine's setting stands unless forced.
/// </summary>
public sealed class EngineLocalVadChoiceSpec
{
    [Theory]
    [InlineData("auto", "embedded", false)]
    [InlineData("auto", "wss://api.openai.com/v1/realtime", true)]
    [InlineData("on", "embedded", true)]
    [InlineData("off", "wss://api.openai.com/v1/realtime", false)]
    public void The_engine_local_vad_should_follow_the_serve_choice_and_the_backend(string choice, string realtimeUrl, bool expected)
    {
        // The engine's own setting is on here, so "auto" with a remote server must leave it on.
        var config = CliConfig.Load(null, [
            $"actorvoice.serve.engine-local-vad = \"{choice}\"",
            $"actorvoice.engine.realtime.url = \"{realtimeUrl}\"",
            "actorvoice.engine.turn.local-vad = on",
        ]);

        var effective = AssistantHost.EffectiveConfig(new ServeOptions(config, null, "unused"));

        Assert.Equal(expected, effective.GetBoolean("actorvoice.engine.turn.local-vad"));
    }

    [Theory]
    [InlineData("embedded", "10s", 30)]
    [InlineData("embedded", "45s", 45)]
    [InlineData("wss://api.openai.com/v1/realtime", "10s", 10)]
    public void With_the_embedded_server_the_connect_timeout_should_be_at_least_the_session_start_timeout(string realtimeUrl, string connectTimeout, int expectedSeconds)
    {
        var config = CliConfig.Load(null, [
            $"actorvoice.engine.realtime.url = \"{realtimeUrl}\"",
            $"actorvoice.engine.realtime.connect-timeout = {connectTimeout}",
            "actorvoice.serve.session-start-timeout = 30s",
        ]);

        var effective = AssistantHost.EffectiveConfig(new ServeOptions(config, null, "unused"));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), effective.GetTimeSpan("actorvoice.engine.realtime.connect-timeout"));
    }

    [Fact]
    public void The_default_should_be_auto()
    {
        Assert.Equal("auto", ServeSettings.Reference.EngineLocalVad);
        Assert.Null(ServeSettings.Reference.EngineLocalVadFor(embeddedRealtimeServer: false));
        Assert.False(ServeSettings.Reference.EngineLocalVadFor(embeddedRealtimeServer: true));
    }

    [Fact]
    public void An_unknown_choice_should_be_refused_naming_its_key()
    {
        var config = CliConfig.Load(null, ["actorvoice.serve.engine-local-vad = \"sometimes\""]);

        var error = Assert.Throws<InvalidSettingException>(() => ServeSettings.Create(config));

        Assert.Contains("engine-local-vad", error.Message, StringComparison.Ordinal);
    }
}
