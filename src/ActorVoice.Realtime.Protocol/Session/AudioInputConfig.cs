using System.Text.Json;
using System.Text.Json.Serialization;
using ActorVoice.Realtime.Protocol.Serialization;

namespace ActorVoice.Realtime.Protocol.Session;

public sealed record AudioInputConfig
{
    public AudioFormat? Format { get; init; }

    public TranscriptionConfig? Transcription { get; init; }

    /// <summary>Null: unchanged (left out); <see cref="TurnDetection.Disabled"/>: manual turns (sent as null).</summary>
    [JsonConverter(typeof(TurnDetectionConverter))]
    public TurnDetection? TurnDetection { get; init; }

    public JsonElement? NoiseReduction { get; init; }
}
