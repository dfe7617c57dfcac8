namespace ActorVoice.Audio.Devices;

/// <summary>
/// An audio device that cannot be used: the audio library is missing, no device of the needed kind exists, the one
/// asked for is not there, or it refused the format. The message says what is missing and what exists.
/// </summary>
public sealed class AudioDeviceException : Exception
{
    public AudioDeviceException(string message)
        : base(message)
    {
    }

    public AudioDeviceException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AudioDeviceException()
    {
    }
}
