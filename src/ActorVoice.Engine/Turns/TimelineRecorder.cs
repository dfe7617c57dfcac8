namespace ActorVoice.Engine.Turns;

/// <summary>
/// The marks of one turn's <see cref="TurnTimeline"/>, in milliseconds since the end of the user's speech. Until the
/// end of speech is known every mark is null (there is nothing to measure from); the caller passes the time of each
/// mark, so the recorder works the same on the wall clock and on a test's virtual clock. Named
/// <see cref="TimelineMark"/>s are kept at their wall-clock time and placed relative to the end of speech when the
/// timeline is read, so marks seen before it (speech start, partials) come out negative.
/// </summary>
public sealed class TimelineRecorder
{
    private readonly List<(string Name, DateTimeOffset At, string? Detail)> _marks = [];
    private TurnTimeline _timeline = new();

    /// <summary>The wall-clock time of the last voiced audio, or null before the end of speech is known.</summary>
    public DateTimeOffset? EndOfSpeech { get; private set; }

    /// <summary>The timeline so far, with every mark in time order (none before the end of speech is known).</summary>
    public TurnTimeline Timeline => EndOfSpeech is null ? _timeline : _timeline with
    {
        Marks = _marks
            .Select((m, i) => (m, i))
            .OrderBy(x => x.m.At)
            .ThenBy(x => x.i)
            .Select(x => new TimelineMark(x.m.Name, Since(x.m.At)!.Value, x.m.Detail))
            .ToList(),
    };

    /// <summary>Milliseconds from the end of speech to <paramref name="at"/> (rounded to 0.1 ms); null before the end of speech.</summary>
    public double? Since(DateTimeOffset at) =>
        EndOfSpeech is { } end ? Math.Round((at - end).TotalMilliseconds, 1) : null;

    /// <summary>Records mark <paramref name="name"/> (see <see cref="TimelineMarks"/>) at <paramref name="at"/>.</summary>
    public void Mark(string name, DateTimeOffset at, string? detail = null) => _marks.Add((name, at, detail));

    /// <summary>The end of speech was placed at <paramref name="endOfSpeech"/>; the stop was reported at <paramref name="reportedAt"/>.</summary>
    public void SpeechStopped(DateTimeOffset endOfSpeech, DateTimeOffset reportedAt)
    {
        EndOfSpeech = endOfSpeech;
        _timeline = _timeline with { SpeechStoppedMs = Since(reportedAt) };
    }

    public void TranscriptFinal(DateTimeOffset at)
    {
        Mark(TimelineMarks.FinalTranscript, at);
        _timeline = _timeline with { TranscriptFinalMs = Since(at) };
    }

    public void RetrievalDone(DateTimeOffset at)
    {
        Mark(TimelineMarks.AnswerReady, at);
        _timeline = _timeline with { RetrievalDoneMs = Since(at) };
    }

    /// <summary>The first audio of anything (a bridge included) was accepted for playback; later calls change nothing.</summary>
    public void FirstAudio(DateTimeOffset at)
    {
        if (_timeline.FirstAudioMs is not null)
        {
            return;
        }

        Mark(TimelineMarks.FirstAudio, at);
        _timeline = _timeline with { FirstAudioMs = Since(at) };
    }

    /// <summary>The answer's own audio was accepted for playback (also first audio when nothing played before it).</summary>
    public void AnswerAudio(DateTimeOffset at)
    {
        FirstAudio(at);
        Mark(TimelineMarks.FirstAnswerAudio, at);
        _timeline = _timeline with { AnswerAudioMs = Since(at) };
    }

    public void PlaybackStarted(DateTimeOffset at)
    {
        Mark(TimelineMarks.PlaybackStart, at);
        _timeline = _timeline with { PlaybackStartedMs = Since(at) };
    }

    public void PlaybackDone(DateTimeOffset at)
    {
        Mark(TimelineMarks.PlaybackEnd, at);
        _timeline = _timeline with { PlaybackDoneMs = Since(at) };
    }
}
