using System.Text.Json.Nodes;
using ActorVoice.LocalServer.Hosting;
using ActorVoice.LocalServer.Sessions.Configuration;
using ActorVoice.Protocol.Tests.Support;
using ActorVoice.Realtime.Protocol.Items;
using ActorVoice.Realtime.Protocol.Serialization;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Protocol.Tests.Server.Sessions;

/// <summary>The session object of a local server session: defaults, session.update merging, and validation errors naming their param.</summary>
public sealed class SessionConfigurationTests
{
    private static readonly LocalServerSettings Settings = LocalServerSettings.Create(Akka.Configuration.ConfigurationFactory.Empty);

    private static SessionConfiguration NewConfiguration(string? model = null) => new(Settings, model);

    private static JsonObject Patch(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void A_new_session_should_use_server_vad_from_the_settings_and_pcm_at_the_wire_rate()
    {
        var configuration = NewConfiguration(model: " ");

        var session = configuration.Current;
        Assert.StartsWith("sess_", session.Id, StringComparison.Ordinal);
        Assert.Equal("actorvoice-local", session.Model);
        Assert.Equal(["audio"], session.OutputModalities);
        Assert.Equal(TurnDetection.ServerVad, configuration.TurnDetection?.Type);
        Assert.Equal((int)Settings.Vad.SilenceDuration.TotalMilliseconds, configuration.TurnDetection?.SilenceDurationMs);
        Assert.Equal(WireAudio.SampleRate, configuration.InputFormat.Rate);
        Assert.Equal(AudioFormat.Pcm, configuration.OutputFormat.Type);
        Assert.False(configuration.TranscriptionOn);
        Assert.Equal((int)Settings.Vad.SilenceDuration.TotalMilliseconds, configuration.VadParameters.SilenceDurationMs);
    }

    [Fact]
    public void A_new_session_should_keep_the_model_the_client_asked_for()
    {
        Assert.Equal("gpt-realtime", NewConfiguration("gpt-realtime").Current.Model);
    }

    [Theory]
    [InlineData("""{"instructions":"x"}""", "missing_required_parameter", "session.type")]
    [InlineData("""{"type":"conversation"}""", "invalid_value", "session.type")]
    [InlineData("""{"type":"realtime","instructions":7}""", "invalid_type", "session.instructions")]
    [InlineData("""{"type":"realtime","audio":{"input":{"format":{"type":"audio/pcm","rate":16000}}}}""", "invalid_value", "session.audio.input.format")]
    [InlineData("""{"type":"realtime","audio":{"output":{"format":{"type":"audio/opus"}}}}""", "invalid_value", "session.audio.output.format")]
    [InlineData("""{"type":"realtime","output_modalities":["audio","text"]}""", "invalid_value", "session.output_modalities")]
    [InlineData("""{"type":"realtime","output_modalities":["video"]}""", "invalid_value", "session.output_modalities")]
    [InlineData("""{"type":"realtime","audio":{"input":{"turn_detection":{"type":"magic_vad"}}}}""", "invalid_value", "session.audio.input.turn_detection.type")]
    public void An_invalid_update_should_name_its_param_and_leave_the_session_unchanged(string patch, string code, string param)
    {
        var configuration = NewConfiguration();
        var before = configuration.Current;

        var error = Assert.Throws<RealtimeProtocolException>(() => configuration.Update(Patch(patch)));

        Assert.Equal(code, error.Code);
        Assert.Equal(param, error.Param);
        Assert.Same(before, configuration.Current);
    }

    [Fact]
    public void An_update_without_a_session_object_should_name_session()
    {
        var error = Assert.Throws<RealtimeProtocolException>(() => NewConfiguration().Update(null));

        Assert.Equal("missing_required_parameter", error.Code);
        Assert.Equal("session", error.Param);
    }

    [Fact]
    public void An_update_should_merge_nested_objects_and_keep_the_server_owned_fields()
    {
        var configuration = NewConfiguration();
        var id = configuration.Current.Id;

        var updated = configuration.Update(Patch(
            """{"type":"realtime","id":"sess_mine","object":"other","audio":{"output":{"format":{"type":"audio/pcmu"}},"input":{"transcription":{"model":"whisper-1"}}}}"""));

        Assert.Same(updated, configuration.Current);
        Assert.Equal(id, updated.Id);
        Assert.Equal("realtime.session", updated.Object);
        Assert.Equal(AudioFormat.Pcmu, configuration.OutputFormat.Type);
        Assert.Equal(Settings.Synthesis.Voice, updated.Audio?.Output?.Voice);
        Assert.Equal(TurnDetection.ServerVad, configuration.TurnDetection?.Type);
        Assert.True(configuration.TranscriptionOn);
    }

    [Fact]
    public void A_null_turn_detection_should_switch_to_manual_commits()
    {
        var configuration = NewConfiguration();

        configuration.Update(Patch("""{"type":"realtime","audio":{"input":{"turn_detection":null}}}"""));

        Assert.Null(configuration.TurnDetection);
    }

    [Theory]
    [InlineData("high", 300)]
    [InlineData("low", 1500)]
    [InlineData("auto", 800)]
    public void Semantic_vad_eagerness_should_set_the_silence_window(string eagerness, int silenceMs)
    {
        var configuration = NewConfiguration();

        configuration.Update(Patch(JsonFrame.Fill("""{"type":"realtime","audio":{"input":{"turn_detection":{"type":"semantic_vad","eagerness":"<0>"}}}}""", eagerness)));

        Assert.Equal(silenceMs, configuration.VadParameters.SilenceDurationMs);
    }

    [Fact]
    public void A_response_should_take_its_own_modalities_else_the_sessions()
    {
        var configuration = NewConfiguration();
        configuration.Update(Patch("""{"type":"realtime","output_modalities":["text"]}"""));

        Assert.Equal(["text"], configuration.OutputModalitiesFor(null));
        Assert.Equal(["audio"], configuration.OutputModalitiesFor(new ResponseCreateParams { OutputModalities = ["audio"] }));
    }
}
