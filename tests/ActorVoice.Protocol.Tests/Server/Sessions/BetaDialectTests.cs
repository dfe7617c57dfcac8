using System.Text.Json.Nodes;
using ActorVoice.LocalServer.Sessions.Transport;

namespace ActorVoice.Protocol.Tests.Server.Sessions;

/// <summary>Translation of beta-dialect client frames into GA ones, and of GA event names back for beta clients.</summary>
public sealed class BetaDialectTests
{
    [Fact]
    public void A_flat_beta_session_update_should_become_a_nested_ga_session()
    {
        const string beta = """{"type":"session.update","event_id":"e1","session":{"modalities":["text","audio"],"voice":"slt","input_audio_format":"g711_ulaw","output_audio_format":"pcm16","input_audio_transcription":{"model":"whisper-1"},"turn_detection":{"type":"server_vad"},"input_audio_noise_reduction":null,"temperature":0.8,"max_response_output_tokens":"inf","instructions":"Hi"}}""";

        var ga = JsonNode.Parse(BetaDialect.ClientFrameToGa(beta))!;

        var session = ga["session"]!;
        Assert.Equal("e1", ga["event_id"]!.GetValue<string>());
        Assert.Equal("realtime", session["type"]!.GetValue<string>());
        Assert.Equal("audio", session["output_modalities"]![0]!.GetValue<string>());
        Assert.Equal("Hi", session["instructions"]!.GetValue<string>());
        Assert.Equal("inf", session["max_output_tokens"]!.GetValue<string>());
        Assert.Null(session["temperature"]);
        var input = session["audio"]!["input"]!.AsObject();
        Assert.Equal("audio/pcmu", input["format"]!["type"]!.GetValue<string>());
        Assert.Equal("whisper-1", input["transcription"]!["model"]!.GetValue<string>());
        Assert.Equal("server_vad", input["turn_detection"]!["type"]!.GetValue<string>());
        Assert.True(input.ContainsKey("noise_reduction"));
        var output = session["audio"]!["output"]!;
        Assert.Equal(24000, output["format"]!["rate"]!.GetValue<int>());
        Assert.Equal("slt", output["voice"]!.GetValue<string>());
    }

    [Fact]
    public void A_beta_response_create_should_use_ga_field_names()
    {
        var ga = JsonNode.Parse(BetaDialect.ClientFrameToGa("""{"type":"response.create","response":{"modalities":["text"],"voice":"x","max_response_output_tokens":100}}"""))!;

        var response = ga["response"]!.AsObject();
        Assert.Equal("text", response["output_modalities"]![0]!.GetValue<string>());
        Assert.Equal(100, response["max_output_tokens"]!.GetValue<int>());
        Assert.False(response.ContainsKey("voice"));
        Assert.False(response.ContainsKey("modalities"));
    }

    [Theory]
    [InlineData("""{"type":"input_audio_buffer.clear"}""")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime"}}""")]
    [InlineData("""{"type":"session.update",""")]
    [InlineData("""["session.update"]""")]
    public void Ga_frames_and_frames_that_are_not_json_objects_should_pass_unchanged(string frame)
    {
        Assert.Same(frame, BetaDialect.ClientFrameToGa(frame));
    }

    [Fact]
    public void Outgoing_ga_names_should_be_renamed_for_beta_clients()
    {
        Assert.Equal("""{"type":"response.audio.delta"}""", BetaDialect.RenameOutgoing("""{"type":"response.output_audio.delta"}""", "response.output_audio.delta"));
        Assert.Equal("conversation.item.created", BetaDialect.OutgoingName("conversation.item.added"));
        Assert.True(BetaDialect.IsGaOnly("conversation.item.done"));
    }
}
