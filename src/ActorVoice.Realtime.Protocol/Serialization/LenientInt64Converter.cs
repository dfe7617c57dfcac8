using System.Globalization;
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

        double value = reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new JsonException($"Expected a number, got {reader.TokenType}."),
        };
        if (double.IsNaN(value) || value > long.MaxValue || value < long.MinValue)
        {
            throw new JsonException($"Number {value} is out of range.");
        }

        return (long)Math.Round(value, MidpointRounding.AwayFromZero);
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
