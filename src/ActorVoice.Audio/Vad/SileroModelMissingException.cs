namespace ActorVoice.Audio.Vad;

/// <summary>The Silero VAD model file is not where the configuration says; the message names the script that fetches it.</summary>
public sealed class SileroModelMissingException : FileNotFoundException
{
    public SileroModelMissingException(string message, string? path)
        : base(message, path)
    {
    }
}
