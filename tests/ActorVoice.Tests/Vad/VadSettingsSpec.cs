using ActorVoice.Audio.Vad;
using ActorVoice.Engine.Configuration;
using ActorVoice.LocalServer.Hosting;

namespace ActorVoice.Tests.Vad;

/// <summary>The VAD keys of the reference configuration, as docs/vad.md decided them.</summary>
public class VadSettingsSpec
{
    [Fact]
    public void Reference_should_choose_silero_for_the_engine_and_the_local_server()
    {
        var turn = EngineSettings.Reference.Turn;
        Assert.Equal(VadKind.Silero, turn.LocalVadKind);
        Assert.Equal(new SileroThresholds(0.5, 0.35), turn.LocalVadChoice.Silero);
        Assert.Equal("", turn.SileroModel);

        var vad = LocalServerSettings.Reference.Vad;
        Assert.Equal(VadKind.Silero, vad.Kind);
        Assert.Equal(0.15, vad.SileroEndGap, 6);
    }

    [Fact]
    public void Local_server_should_start_silero_speech_at_the_session_threshold()
    {
        var choice = LocalServerSettings.Reference.Vad.ChoiceFor(0.7);

        Assert.Equal(0.7, choice.Silero.Start, 6);
        Assert.Equal(0.55, choice.Silero.End, 6);
    }
}
