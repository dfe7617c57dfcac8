namespace ActorVoice.Speech.Streaming;

/// <summary>Whether a local transcript may still change (partial) or closes its utterance (final).</summary>
public enum LocalRecognitionEventKind
{
    Partial,
    Final,
}
