namespace ActorVoice.Cli.Load;

/// <summary>What one simulated client saw. Written by its own send and receive loops; read after they finish.</summary>
public sealed class LoadClientStats
{
    private long _framesSent;
    private long _audioBytesReceived;
    private int _turnsCompleted;
    private int _turnsAnswered;
    private int _turnsRightDocument;
    private int _errorEvents;

    public long FramesSent => Interlocked.Read(ref _framesSent);

    public long AudioBytesReceived => Interlocked.Read(ref _audioBytesReceived);

    public int TurnsCompleted => Volatile.Read(ref _turnsCompleted);

    /// <summary>Turns whose outcome was "answered".</summary>
    public int TurnsAnswered => Volatile.Read(ref _turnsAnswered);

    /// <summary>Answered turns whose first source was the document that answers the question asked.</summary>
    public int TurnsRightDocument => Volatile.Read(ref _turnsRightDocument);

    public int ErrorEvents => Volatile.Read(ref _errorEvents);

    /// <summary>Round trips of ping → pong, in milliseconds.</summary>
    public List<double> PingMilliseconds { get; } = [];

    /// <summary>Why the client stopped early (connect failure, a close it did not ask for), or null.</summary>
    public string? Failure { get; set; }

    /// <summary>The close code the server sent, if it closed the socket.</summary>
    public int? ServerCloseCode { get; set; }

    public bool Connected { get; set; }

    internal void FrameSent() => Interlocked.Increment(ref _framesSent);

    internal void AudioReceived(int bytes) => Interlocked.Add(ref _audioBytesReceived, bytes);

    internal void TurnCompleted(bool answered, bool rightDocument)
    {
        Interlocked.Increment(ref _turnsCompleted);
        if (answered)
        {
            Interlocked.Increment(ref _turnsAnswered);
        }

        if (rightDocument)
        {
            Interlocked.Increment(ref _turnsRightDocument);
        }
    }

    internal void ErrorEvent() => Interlocked.Increment(ref _errorEvents);
}
