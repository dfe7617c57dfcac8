namespace ActorVoice.Engine.Configuration;

/// <summary>How audio is timed (<c>capture.pace</c>, <c>playback.pace</c>).</summary>
public enum Pace
{
    /// <summary>At its real speed, like a microphone or a loudspeaker.</summary>
    Realtime,

    /// <summary>As fast as possible (benchmarks and quick demos).</summary>
    Fast,
}
