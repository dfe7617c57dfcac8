namespace ActorVoice.Speech.Streaming;

/// <summary>
/// A transcript from the local shadow recognizer. <see cref="AudioMs"/> is the stream position (milliseconds of audio
/// since materialisation) the text covers: the end of the frame just decoded for a partial, the end of the last voiced
/// frame (or the end of the stream) for a final.
/// </summary>
public sealed record LocalRecognitionEvent(LocalRecognitionEventKind Kind, string Text, long AudioMs);
