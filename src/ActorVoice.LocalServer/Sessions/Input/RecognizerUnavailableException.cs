namespace ActorVoice.LocalServer.Sessions.Input;

/// <summary>No decoder could be had for a turn (pocketsphinx missing or failing to load): the server cannot transcribe.</summary>
public sealed class RecognizerUnavailableException : Exception
{
    public RecognizerUnavailableException()
        : this(null)
    {
    }

    public RecognizerUnavailableException(Exception? innerException)
        : base("speech recognition is unavailable on this server", innerException)
    {
    }

    public RecognizerUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
