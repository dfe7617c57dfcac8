namespace ActorVoice.Engine.Turns;

/// <summary>
/// Maps positions in the session's input audio (the server's <c>audio_start_ms</c>/<c>audio_end_ms</c>, the local
/// VAD's offsets) to the wall-clock time that audio was captured, from the most recent captures' start times.
/// </summary>
public sealed class CaptureClock
{
    private const int Remembered = 16;
    private readonly List<(long SessionOffsetMs, DateTimeOffset At)> _captures = [];

    /// <summary>A capture began at <paramref name="at"/>, at <paramref name="sessionOffsetMs"/> of the session's input audio.</summary>
    public void CaptureStarted(long sessionOffsetMs, DateTimeOffset at)
    {
        _captures.Add((sessionOffsetMs, at));
        if (_captures.Count > Remembered)
        {
            _captures.RemoveAt(0);
        }
    }

    /// <summary>When <paramref name="sessionAudioMs"/> of input audio was captured, or null when no known capture holds it.</summary>
    public DateTimeOffset? WallClockOf(long sessionAudioMs)
    {
        for (var i = _captures.Count - 1; i >= 0; i--)
        {
            var (offset, at) = _captures[i];
            if (sessionAudioMs >= offset)
            {
                return at + TimeSpan.FromMilliseconds(sessionAudioMs - offset);
            }
        }

        return null;
    }
}
