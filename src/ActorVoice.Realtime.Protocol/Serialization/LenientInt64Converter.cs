using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorVoice.Realtime.Protocol.Serialization;

/// <summary>Reads a long sent as a float (e.g. <c>expires_at: 1756324625.0</c>) or a string, rounding it.</summary>
public sealed class LenientInt64Converter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var exact))
        {
            return exact;
        }

        return (long)LenientNumber.ReadRounded(ref reader, long.MinValue, long.MaxValue);
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
