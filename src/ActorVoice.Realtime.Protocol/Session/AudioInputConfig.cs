using System.Text.Json;

namespace ActorVoice.Realtime.Protocol.Session;

public sealed record AudioInputConfig
{
    public AudioFormat? Format { get; init; }

    public TranscriptionConfig? Transcription { get; init; }

    public TurnDetection? TurnDetection { get; init; }

    public JsonElement? NoiseReduction { get; init; }
}
