namespace ActorVoice.Engine.Playback;

/// <summary>
/// Controls a running playback device (the materialised value of <see cref="PlaybackDevice.Sink"/>). Thread-safe:
/// commands are queued to the stream. The device answers with <see cref="PlaybackDeviceEvent"/>s.
/// </summary>
public interface IPlaybackDevice
{
    /// <summary>Let the audio of <paramref name="responseId"/> play, including what already arrived for it.</summary>
    void Accept(string responseId);

    /// <summary>
    /// End the track of <paramref name="responseId"/>: drop its buffer at once, write its first <paramref name="playedMs"/>
    /// (all it received when null) to <paramref name="wavPath"/> (none when null), and drop its late audio from then on.
    /// <paramref name="stopReason"/> is set when the track was cut off (a live output is told to stop at once).
    /// </summary>
    void Release(string responseId, long? playedMs, string? wavPath, string? stopReason = null);

    /// <summary>
    /// The accepted track <paramref name="responseId"/> gets no more audio (its end mark was lost): report it ended with
    /// what it received. No effect on any other response or on a track that already ended.
    /// </summary>
    void Seal(string responseId);

    /// <summary>
    /// The accepted track <paramref name="responseId"/> is paused (<paramref name="paused"/> true) or plays on: a live
    /// output is told at once. No effect on any other response.
    /// </summary>
    void Pause(string responseId, bool paused);
}
