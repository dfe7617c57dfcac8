namespace ActorVoice.Audio;

/// <summary>Audio that ActorVoice cannot use: wrong container, encoding, channel count or length.</summary>
public sealed class AudioFormatException : Exception
{
    public AudioFormatException(string message)
        : base(message)
    {
    }

    public AudioFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AudioFormatException()
    {
    }
}
