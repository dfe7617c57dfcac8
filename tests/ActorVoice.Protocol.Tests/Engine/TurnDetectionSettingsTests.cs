using ActorVoice.Cli.Runtime;
using ActorVoice.Config;
using ActorVoice.Engine.Configuration;

namespace ActorVoice.Protocol.Tests.Engine;

/// <summary>The HOCON keys that choose the turn detection the engine asks the realtime server for.</summary>
public sealed class TurnDetectionSettingsTests
{
    [Fact]
    public void Turn_settings_should_default_to_server_vad_and_read_semantic_vad_with_its_eagerness()
    {
        var defaults = EngineSettings.Create(CliConfig.Load(null, [])).Turn;
        var semantic = EngineSettings.Create(CliConfig.Load(null,
            ["actorvoice.engine.turn.vad-type = semantic_vad", "actorvoice.engine.turn.vad-eagerness = high"])).Turn;

        Assert.Equal(("server_vad", "auto"), (defaults.VadType, defaults.VadEagerness));
        Assert.Equal(("semantic_vad", "high"), (semantic.VadType, semantic.VadEagerness));
    }

    [Theory]
    [InlineData("actorvoice.engine.turn.vad-type = silence_vad", "actorvoice.engine.turn.vad-type = 'silence_vad' must be one of server_vad, semantic_vad, local")]
    [InlineData("actorvoice.engine.turn.vad-eagerness = eager", "actorvoice.engine.turn.vad-eagerness = 'eager' must be one of low, medium, high, auto")]
    public void Unknown_turn_detection_values_should_be_rejected_with_the_allowed_ones(string line, string message)
    {
        var error = Assert.Throws<InvalidSettingException>(() => EngineSettings.Create(CliConfig.Load(null, [line])));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
