namespace ActorVoice.Engine.Live;

/// <summary>
/// Where a live session's answers are heard (a browser, a sound card). Called from the playback stream's thread, one
/// call at a time per session, in order: <see cref="Start"/>, any number of <see cref="Write"/>, then either
/// <see cref="End"/> or <see cref="Stop"/>. Implementations must be quick and must not block (queue the audio).
/// </summary>
public interface IAudioOutput
{
    /// <summary>An answer's audio begins: response <paramref name="responseId"/> was accepted for playback.</summary>
    void Start(string responseId);

    /// <summary>24 kHz mono PCM16 of <paramref name="responseId"/>, as it is accepted for playback (ahead of real time).</summary>
    /// <remarks>The memory is only valid during the call; copy what is kept.</remarks>
    void Write(string responseId, ReadOnlyMemory<short> samples);

    /// <summary>
    /// The response was cut off (<paramref name="reason"/>: <c>barge-in</c> when the user cut in): drop everything queued
    /// for it at once; nothing more is written for it.
    /// </summary>
    void Stop(string responseId, string reason);

    /// <summary>All of <paramref name="responseId"/>'s audio was written.</summary>
    void End(string responseId);

    /// <summary>
    /// A possible barge-in (the user may be cutting in): silence <paramref name="responseId"/> at once and keep what is
    /// queued; <see cref="Resume"/> plays on from there (it was a cough or a backchannel), <see cref="Stop"/> drops it.
    /// The audio already written stays the output's: the engine counts the paused time as not heard. An output that
    /// cannot pause keeps playing (the default), and the heard time the engine reports is then short of the truth.
    /// </summary>
    void Pause(string responseId)
    {
    }

    /// <summary>The paused <paramref name="responseId"/> plays on from where it was paused.</summary>
    void Resume(string responseId)
    {
    }
}
