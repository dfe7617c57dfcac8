namespace ActorVoice.LocalServer.Sessions.Input;

/// <summary>
/// Every decoder stayed busy for <c>recognition.queue-timeout</c>: the turn is not transcribed (the server is
/// overloaded with speech, not broken).
/// </summary>
public sealed class RecognizerBusyException : Exception
{
    public RecognizerBusyException()
        : this("speech recognition is busy: no decoder came free in time")
    {
    }

    public RecognizerBusyException(string message)
        : base(message)
    {
    }

    public RecognizerBusyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
