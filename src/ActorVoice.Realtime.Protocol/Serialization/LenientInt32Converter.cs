using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorVoice.Realtime.Protocol.Serialization;

/// <summary>
/// Reads an integer that some clients send as a float (e.g. <c>audio_end_ms: 1234.0</c>) or a string, rounding it.
/// </summary>
public sealed class LenientInt32Converter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double value = reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new JsonException($"Expected a number, got {reader.TokenType}."),
        };
        if (double.IsNaN(value) || value > int.MaxValue || value < int.MinValue)
        {
            throw new JsonException($"Number {value} is out of range.");
        }

        return (int)Math.Round(value, MidpointRounding.AwayFromZero);
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
