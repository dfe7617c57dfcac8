namespace ActorVoice.Speech;

/// <summary>
/// The offline speech stack cannot start: a model file, a native library or a command-line tool is missing
/// or unusable. The message names the file or the Debian package to install.
/// </summary>
public sealed class SpeechSetupException : Exception
{
    public SpeechSetupException(string message)
        : base(message)
    {
    }

    public SpeechSetupException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public SpeechSetupException()
    {
    }
}
