using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorVoice.Realtime.Protocol.Serialization;

/// <summary>
/// Reads an integer that some clients send as a float (e.g. <c>audio_end_ms: 1234.0</c>) or a string, rounding it.
/// </summary>
public sealed class LenientInt32Converter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (int)LenientNumber.ReadRounded(ref reader, int.MinValue, int.MaxValue);

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
