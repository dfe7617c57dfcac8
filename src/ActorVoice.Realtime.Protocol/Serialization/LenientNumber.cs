using System.Globalization;
using System.Text.Json;

namespace ActorVoice.Realtime.Protocol.Serialization;

/// <summary>The shared reading rule of the lenient integer converters: a number (integral or not) or a numeric string, rounded.</summary>
internal static class LenientNumber
{
    public static double ReadRounded(ref Utf8JsonReader reader, double min, double max)
    {
        double value = reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new JsonException($"Expected a number, got {reader.TokenType}."),
        };
        if (double.IsNaN(value) || value > max || value < min)
        {
            throw new JsonException($"Number {value} is out of range.");
        }

        return Math.Round(value, MidpointRounding.AwayFromZero);
    }
}
