using System.Text.Json;
using System.Text.Json.Serialization;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.Realtime.Protocol.Serialization;

/// <summary>
/// Writes <see cref="TurnDetection.Disabled"/> as an explicit <c>null</c> (which turns the server's VAD off, for
/// manual turns) while an absent value is left out of the event (which leaves the server's setting unchanged).
/// </summary>
public sealed class TurnDetectionConverter : JsonConverter<TurnDetection>
{
    public override TurnDetection? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, RealtimeJsonContext.Default.TurnDetection);

    public override void Write(Utf8JsonWriter writer, TurnDetection value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (ReferenceEquals(value, TurnDetection.Disabled))
        {
            writer.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(writer, value, RealtimeJsonContext.Default.TurnDetection);
    }
}
