using System.Text.Json;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Serialization;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Tests.Protocol;

public class TurnDetectionSerializationSpec
{
    private static JsonElement Input(TurnDetection? turnDetection)
    {
        var json = RealtimeJson.Serialize(new SessionUpdate(new SessionConfig
        {
            Audio = new AudioConfig { Input = new AudioInputConfig { Format = AudioFormat.Pcm24k, TurnDetection = turnDetection } },
        }));
        return JsonDocument.Parse(json).RootElement.GetProperty("session").GetProperty("audio").GetProperty("input").Clone();
    }

    [Fact]
    public void Disabled_turn_detection_should_be_sent_as_an_explicit_null()
    {
        var input = Input(TurnDetection.Disabled);
        Assert.True(input.TryGetProperty("turn_detection", out var value));
        Assert.Equal(JsonValueKind.Null, value.ValueKind);
    }

    [Fact]
    public void An_absent_turn_detection_should_be_left_out_so_the_server_keeps_its_setting() =>
        Assert.False(Input(null).TryGetProperty("turn_detection", out _));

    [Fact]
    public void A_server_vad_should_round_trip_through_the_converter()
    {
        var input = Input(new TurnDetection(TurnDetection.ServerVad) { SilenceDurationMs = 700, CreateResponse = false });
        var vad = input.GetProperty("turn_detection");
        Assert.Equal("server_vad", vad.GetProperty("type").GetString());
        Assert.Equal(700, vad.GetProperty("silence_duration_ms").GetInt32());
        var parsed = (SessionUpdate)RealtimeJson.Parse("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"server_vad","silence_duration_ms":700}}}}}""");
        Assert.Equal(700, parsed.Session.Audio!.Input!.TurnDetection!.SilenceDurationMs);
        var off = (SessionUpdate)RealtimeJson.Parse("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}""");
        Assert.Null(off.Session.Audio!.Input!.TurnDetection);
    }
}
