namespace ActorVoice.Engine.Turns;

/// <summary>
/// The marks of one turn's <see cref="TurnTimeline"/>, in milliseconds since the end of the user's speech. Until the
/// end of speech is known every mark is null (there is nothing to measure from); the caller passes the time of each
/// mark, so the recorder works the same on the wall clock and on a test's virtual clock.
/// </summary>
public sealed class TimelineRecorder
{
    private TurnTimeline _timeline = new();

    /// <summary>The wall-clock time of the last voiced audio, or null before the end of speech is known.</summary>
    public DateTimeOffset? EndOfSpeech { get; private set; }

    public TurnTimeline Timeline => _timeline;

    /// <summary>Milliseconds from the end of speech to <paramref name="at"/> (rounded to 0.1 ms); null before the end of speech.</summary>
    public double? Since(DateTimeOffset at) =>
        EndOfSpeech is { } end ? Math.Round((at - end).TotalMilliseconds, 1) : null;

    /// <summary>The end of speech was placed at <paramref name="endOfSpeech"/>; the stop was reported at <paramref name="reportedAt"/>.</summary>
    public void SpeechStopped(DateTimeOffset endOfSpeech, DateTimeOffset reportedAt)
    {
        EndOfSpeech = endOfSpeech;
        _timeline = _timeline with { SpeechStoppedMs = Since(reportedAt) };
    }

    public void TranscriptFinal(DateTimeOffset at) => _timeline = _timeline with { TranscriptFinalMs = Since(at) };

    public void RetrievalDone(DateTimeOffset at) => _timeline = _timeline with { RetrievalDoneMs = Since(at) };

    public void FirstAudio(DateTimeOffset at) => _timeline = _timeline with { FirstAudioMs = Since(at) };

    public void PlaybackStarted(DateTimeOffset at) => _timeline = _timeline with { PlaybackStartedMs = Since(at) };

    public void PlaybackDone(DateTimeOffset at) => _timeline = _timeline with { PlaybackDoneMs = Since(at) };
}
